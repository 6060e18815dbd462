namespace Registry.Api.Contracts.Places;

/// <summary>The reasons for refusing a proposal and the date of the decision (YYYY-MM-DD; today when absent).</summary>
public sealed record RejectPlaceNameRequest(string? Reasons, string? Date);
