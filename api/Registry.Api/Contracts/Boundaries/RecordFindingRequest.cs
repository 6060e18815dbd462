using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>What was found at a marker: intact, damaged, displaced (with the surveyed position) or lost.</summary>
public sealed record RecordFindingRequest(string? Marker, FindingKind? Finding, PositionRequest? Surveyed, string? Note);
