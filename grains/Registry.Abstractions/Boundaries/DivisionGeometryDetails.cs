using Registry.Abstractions.Divisions;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// A division's geometry version in force on <see cref="AsOf"/> (its validity and measures in <see cref="Version"/>).
/// <see cref="Name"/> is the name on
/// <see cref="AsOf"/> (from the division registry, or the reference area's own). Area in square metres and perimeter
/// in metres on the WGS84 ellipsoid (see <see cref="Geodesy"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.DivisionGeometryDetails")]
public sealed record DivisionGeometryDetails(
    [property: Id(0)] string Key,
    [property: Id(1)] bool IsReference,
    [property: Id(2)] string Name,
    [property: Id(3)] DivisionLevel Level,
    [property: Id(4)] DateOnly AsOf,
    [property: Id(5)] DivisionGeometryVersion Version,
    [property: Id(6)] GeometryWkb Geometry);
