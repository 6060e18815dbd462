namespace Registry.Abstractions.Places;

/// <summary>A search result; <see cref="DistanceMeters"/> is set for nearest-to-a-point queries (great-circle
/// distance to the entry's point).</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameHit")]
public sealed record PlaceNameHit(
    [property: Id(0)] PlaceNameIndexEntry Entry,
    [property: Id(1)] double? DistanceMeters);
