namespace Registry.Api.Contracts.Boundaries;

/// <summary>Open the joint inspection of a line for a year.</summary>
public sealed record OpenInspectionRequest(int? Year, string? Reason);
