using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// A boundary line: its number, the two divisions in number order, geometry (WGS84 lon/lat), length in metres on the
/// WGS84 ellipsoid, agreement, the numbers of its markers, its inspections (oldest first) and the revision count.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.BoundaryLineDetails")]
public sealed record BoundaryLineDetails(
    [property: Id(0)] string Number,
    [property: Id(1)] string DivisionA,
    [property: Id(2)] string DivisionB,
    [property: Id(3)] GeometryWkb Geometry,
    [property: Id(4)] double LengthMetres,
    [property: Id(5)] string Agreement,
    [property: Id(6)] DateOnly? AgreementDate,
    [property: Id(7)] string? Source,
    [property: Id(8)] IReadOnlyList<string> Markers,
    [property: Id(9)] IReadOnlyList<InspectionSummary> Inspections,
    [property: Id(10)] DateTimeOffset RecordedAt,
    [property: Id(11)] string RecordedBy,
    [property: Id(12)] long Revision)
{
    /// <summary>The date the last completed inspection completed, or null.</summary>
    public DateOnly? LastCompletedInspection =>
        Inspections.Where(i => i.CompletedOn is not null).Select(i => i.CompletedOn).Max();
}
