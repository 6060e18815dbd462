namespace Registry.Abstractions.Boundaries;

/// <summary>Change a marker's descriptive details; null fields stay as they are. The position cannot change.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.UpdateMarkerDetails")]
public sealed record UpdateMarkerDetails(
    [property: Id(0)] string? Material,
    [property: Id(1)] IReadOnlyList<string>? Landmarks,
    [property: Id(2)] IReadOnlyList<string>? Photos,
    [property: Id(3)] string Reason);
