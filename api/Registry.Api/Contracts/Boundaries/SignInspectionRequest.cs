namespace Registry.Api.Contracts.Boundaries;

/// <summary>A side of the line (its division code) signs, through the named official.</summary>
public sealed record SignInspectionRequest(string? Side, string? Signatory, string? Note);
