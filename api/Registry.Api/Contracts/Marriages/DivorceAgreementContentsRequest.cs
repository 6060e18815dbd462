namespace Registry.Api.Contracts.Marriages;

/// <summary>What the written divorce agreement states, as the registrar checked it: both parties' wish to divorce
/// (<c>wishToDivorce</c>) and their agreed arrangements for the children (custody and support, or that there are
/// none), the common property and the debts. Each must be true for the application to be received.</summary>
public sealed record DivorceAgreementContentsRequest(bool? WishToDivorce, bool? Children, bool? Property, bool? Debts);
