namespace Registry.Abstractions.Boundaries;

/// <summary>A recorded finding; <see cref="DisplacementMetres"/> is the geodesic distance (WGS84 ellipsoid) from
/// the registered to the surveyed position of a displaced marker.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.InspectionFinding")]
public sealed record InspectionFinding(
    [property: Id(0)] string MarkerNumber,
    [property: Id(1)] FindingKind Kind,
    [property: Id(2)] double? SurveyedLon,
    [property: Id(3)] double? SurveyedLat,
    [property: Id(4)] double? DisplacementMetres,
    [property: Id(5)] string? Note,
    [property: Id(6)] DateTimeOffset RecordedAt,
    [property: Id(7)] string RecordedBy);
