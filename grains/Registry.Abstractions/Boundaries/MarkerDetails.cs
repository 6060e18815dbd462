namespace Registry.Abstractions.Boundaries;

/// <summary>
/// A registered boundary marker: number and its parts, type, registered position (WGS84 degrees), distance from its
/// line's geometry in metres, details, and its condition with the inspection or repair that set it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.MarkerDetails")]
public sealed record MarkerDetails(
    [property: Id(0)] string Number,
    [property: Id(1)] string LineNumber,
    [property: Id(2)] int Serial,
    [property: Id(3)] string TypeCode,
    [property: Id(4)] MarkerType Type,
    [property: Id(5)] double Lon,
    [property: Id(6)] double Lat,
    [property: Id(7)] double DistanceFromLineMetres,
    [property: Id(8)] string? Material,
    [property: Id(9)] IReadOnlyList<string> Landmarks,
    [property: Id(10)] IReadOnlyList<string> Photos,
    [property: Id(11)] MarkerCondition Condition,
    [property: Id(12)] string? ConditionSource,
    [property: Id(13)] DateOnly? ConditionSince,
    [property: Id(14)] string? Source,
    [property: Id(15)] DateTimeOffset RecordedAt,
    [property: Id(16)] string RecordedBy);
