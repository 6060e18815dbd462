namespace Registry.Abstractions.Boundaries;

/// <summary>Record what was found at a marker; <see cref="SurveyedLon"/>/<see cref="SurveyedLat"/> (WGS84 degrees)
/// are required for, and only for, <see cref="FindingKind.Displaced"/>.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.RecordFinding")]
public sealed record RecordFinding(
    [property: Id(0)] string MarkerNumber,
    [property: Id(1)] FindingKind Kind,
    [property: Id(2)] double? SurveyedLon,
    [property: Id(3)] double? SurveyedLat,
    [property: Id(4)] string? Note);
