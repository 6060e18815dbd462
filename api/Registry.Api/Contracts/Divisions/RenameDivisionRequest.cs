namespace Registry.Api.Contracts.Divisions;

/// <summary>Rename a division from <c>effectiveDate</c> (YYYY-MM-DD) on; <c>reason</c> cites the approval.</summary>
public sealed record RenameDivisionRequest(string? Name, DateOnly? EffectiveDate, string? Reason);
