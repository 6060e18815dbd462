using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// One version of a division's geometry, without the geometry: its number (1 first), validity, measures, source, and
/// who recorded it when and why (<see cref="Corrections"/> counts later corrections of the same version).
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.DivisionGeometryVersion")]
public sealed record DivisionGeometryVersion(
    [property: Id(0)] int Number,
    [property: Id(1)] DateOnly? From,
    [property: Id(2)] DateOnly? Until,
    [property: Id(3)] double AreaSquareMetres,
    [property: Id(4)] double PerimeterMetres,
    [property: Id(5)] BoundingBox Bounds,
    [property: Id(6)] int Vertices,
    [property: Id(7)] string? Source,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] string RecordedBy,
    [property: Id(10)] string Reason,
    [property: Id(11)] int Corrections);
