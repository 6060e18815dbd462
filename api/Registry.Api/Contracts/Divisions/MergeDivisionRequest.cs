namespace Registry.Api.Contracts.Divisions;

/// <summary>Merge the division into <c>into</c> (a division of the same level) from <c>effectiveDate</c> on.</summary>
public sealed record MergeDivisionRequest(string? Into, DateOnly? EffectiveDate, string? Reason);
