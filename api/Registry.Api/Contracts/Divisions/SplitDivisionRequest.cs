namespace Registry.Api.Contracts.Divisions;

/// <summary>The division ends on <c>effectiveDate</c>, split into <c>parts</c> (new ones under <c>parent</c>, default
/// its parent); every child it has then is moved as <c>transfers</c> say.</summary>
public sealed record SplitDivisionRequest(IReadOnlyList<SplitPartRequest>? Parts,
    IReadOnlyList<ChildTransferRequest>? Transfers, string? Parent, DateOnly? EffectiveDate, string? Reason);
