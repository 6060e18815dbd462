namespace Registry.Api.Contracts.Places;

/// <summary>The new name and spelling, the date they take effect (YYYY-MM-DD) and the reason.</summary>
public sealed record RenamePlaceNameRequest(string? Name, string? Romanization, string? EffectiveDate, string? Reason);
