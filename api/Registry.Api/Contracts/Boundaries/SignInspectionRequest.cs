namespace Registry.Api.Contracts.Boundaries;

/// <summary>A side of the line (its division code) signs, through the named official, on <see cref="SignedOn"/>
/// (default today; an inspection entered from the archive gives the real date, not before the opening).</summary>
public sealed record SignInspectionRequest(string? Side, string? Signatory, string? Note, DateOnly? SignedOn = null);
