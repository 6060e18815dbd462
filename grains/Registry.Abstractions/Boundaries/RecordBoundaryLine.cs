using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// Record the boundary line between two divisions (<see cref="DivisionRef"/>s of one scheme, both recorded): its
/// geometry (LineString or MultiLineString), the agreement that fixed it and that agreement's date.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.RecordBoundaryLine")]
public sealed record RecordBoundaryLine(
    [property: Id(0)] string DivisionA,
    [property: Id(1)] string DivisionB,
    [property: Id(2)] GeometryWkb Geometry,
    [property: Id(3)] string Agreement,
    [property: Id(4)] DateOnly? AgreementDate,
    [property: Id(5)] string Reason,
    [property: Id(6)] string? Source);
