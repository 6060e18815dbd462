using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>One geometry version of a division: validity, area (m²) and perimeter (m) on the WGS84 ellipsoid,
/// bounding box [minLon, minLat, maxLon, maxLat], vertex count and provenance.</summary>
public sealed record DivisionGeometryVersionResponse(
    int Version,
    DateOnly? From,
    DateOnly? Until,
    double AreaSquareMetres,
    double PerimeterMetres,
    double[] Bbox,
    int Vertices,
    string? Source,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Reason,
    int Corrections)
{
    public static DivisionGeometryVersionResponse Of(DivisionGeometryVersion v) =>
        new(v.Number, v.From, v.Until, Math.Round(v.AreaSquareMetres), Math.Round(v.PerimeterMetres, 1),
            [v.Bounds.MinLon, v.Bounds.MinLat, v.Bounds.MaxLon, v.Bounds.MaxLat], v.Vertices, v.Source, v.RecordedAt,
            v.RecordedBy, v.Reason, v.Corrections);
}
