namespace Registry.Abstractions.Boundaries;

/// <summary>Change a marker's descriptive details; null fields stay as they are. The position cannot change: a
/// <see cref="Lon"/>/<see cref="Lat"/> (WGS84 degrees) other than the registered position is refused with
/// <c>marker-position-fixed</c>; the same position is accepted (a client sending the record back whole).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.UpdateMarkerDetails")]
public sealed record UpdateMarkerDetails(
    [property: Id(0)] string? Material,
    [property: Id(1)] IReadOnlyList<string>? Landmarks,
    [property: Id(2)] IReadOnlyList<string>? Photos,
    [property: Id(3)] string Reason,
    [property: Id(4)] double? Lon = null,
    [property: Id(5)] double? Lat = null);
