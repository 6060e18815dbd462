namespace Registry.Api.Contracts.Boundaries;

/// <summary>A feature an import did not store, and why.</summary>
public sealed record ImportRejectionResponse(int Index, string? Feature, string Rule, string Message);
