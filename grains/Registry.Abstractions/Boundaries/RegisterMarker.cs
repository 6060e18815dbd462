namespace Registry.Abstractions.Boundaries;

/// <summary>
/// Register a boundary marker: its type, surveyed position (WGS84 degrees), material, reference landmarks (方位物,
/// at least three are usual) and photo references. The number (the grain key) carries the line, serial and type
/// code. Moving a registered marker is not possible: the registered position is fixed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.RegisterMarker")]
public sealed record RegisterMarker(
    [property: Id(0)] MarkerType Type,
    [property: Id(1)] double Lon,
    [property: Id(2)] double Lat,
    [property: Id(3)] string? Material,
    [property: Id(4)] IReadOnlyList<string> Landmarks,
    [property: Id(5)] IReadOnlyList<string> Photos,
    [property: Id(6)] string Reason,
    [property: Id(7)] string? Source);
