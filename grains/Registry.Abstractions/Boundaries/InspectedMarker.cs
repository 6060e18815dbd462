namespace Registry.Abstractions.Boundaries;

/// <summary>A marker as registered when the inspection opened: number and registered position (WGS84 degrees).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.InspectedMarker")]
public sealed record InspectedMarker(
    [property: Id(0)] string Number,
    [property: Id(1)] double Lon,
    [property: Id(2)] double Lat);
