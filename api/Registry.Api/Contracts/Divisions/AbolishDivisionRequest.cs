namespace Registry.Api.Contracts.Divisions;

/// <summary>Abolish the division from <c>effectiveDate</c> on.</summary>
public sealed record AbolishDivisionRequest(DateOnly? EffectiveDate, string? Reason);
