namespace Registry.Api.Contracts.Places;

/// <summary>The abolition date (YYYY-MM-DD; today when absent) and the reason.</summary>
public sealed record AbolishPlaceNameRequest(string? EffectiveDate, string? Reason);
