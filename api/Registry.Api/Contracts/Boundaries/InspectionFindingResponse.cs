using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>A finding; the displacement is the geodesic distance in metres (WGS84 ellipsoid, Vincenty) between the
/// registered and the surveyed position.</summary>
public sealed record InspectionFindingResponse(
    string Marker,
    FindingKind Finding,
    double[]? Surveyed,
    double? DisplacementMetres,
    string? Note,
    DateTimeOffset RecordedAt,
    string RecordedBy)
{
    public static InspectionFindingResponse From(InspectionFinding f) =>
        new(f.MarkerNumber, f.Kind, f.SurveyedLon is { } lon && f.SurveyedLat is { } lat ? [lon, lat] : null,
            f.DisplacementMetres is { } d ? Math.Round(d, 3) : null, f.Note, f.RecordedAt, f.RecordedBy);
}
