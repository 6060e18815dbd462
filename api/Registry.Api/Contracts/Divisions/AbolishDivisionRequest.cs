namespace Registry.Api.Contracts.Divisions;

/// <summary>Abolish the division from <c>effectiveDate</c> on; <c>reason</c> cites the approval.</summary>
public sealed record AbolishDivisionRequest(DateOnly? EffectiveDate, string? Reason);
