namespace Registry.Api.Contracts.Places;

/// <summary>A change of a sign's condition: maintained, replaced or removed, on a date (YYYY-MM-DD), with a note.</summary>
public sealed record SignConditionRequest(string? Condition, string? Date, string? Note);
