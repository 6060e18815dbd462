using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>A search result; <see cref="DistanceMeters"/> is set for nearest-to-a-point queries (great-circle
/// distance to the entry's point). For a text search, <see cref="MatchedName"/> is the name (or spelling) the text
/// matched and <see cref="MatchKind"/> whether that name is in force, an alias or a former name; both are null
/// without a text.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameHit")]
public sealed record PlaceNameHit(
    [property: Id(0)] PlaceNameIndexEntry Entry,
    [property: Id(1)] double? DistanceMeters)
{
    [Id(2)]
    public string? MatchedName { get; init; }

    [Id(3)]
    public PlaceNameMatchKind? MatchKind { get; init; }

    /// <summary>How closely the text matched: 0 the whole name, 1 its beginning, 2 a fragment inside it; null
    /// without a text. Ranks hits across partitions.</summary>
    [Id(4)]
    public int? MatchQuality { get; init; }
}
