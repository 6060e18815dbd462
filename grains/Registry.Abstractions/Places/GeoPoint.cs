namespace Registry.Abstractions.Places;

/// <summary>A WGS84 point, degrees.</summary>
[GenerateSerializer, Alias("Registry.Places.GeoPoint")]
public sealed record GeoPoint(
    [property: Id(0)] double Longitude,
    [property: Id(1)] double Latitude);
