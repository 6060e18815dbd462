using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>What the registrar found the divorce agreement to state: the wish to divorce, and the arrangements for
/// the children, the property and the debts.</summary>
public sealed record DivorceAgreementResponse(bool WishToDivorce, bool Children, bool Property, bool Debts)
{
    public static DivorceAgreementResponse From(DivorceAgreementContents c) =>
        new(c.WishToDivorce, c.Children, c.Property, c.Debts);
}
