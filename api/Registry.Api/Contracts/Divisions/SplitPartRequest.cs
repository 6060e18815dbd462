namespace Registry.Api.Contracts.Divisions;

/// <summary>A successor of a split: an existing code (no <c>name</c>) or a new one with its name.</summary>
public sealed record SplitPartRequest(string? Code, string? Name);
