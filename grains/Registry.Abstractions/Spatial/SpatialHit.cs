using Registry.Abstractions.Divisions;

namespace Registry.Abstractions.Spatial;

/// <summary>A record a tile query found (without geometry): its key, part, validity, level and label.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.SpatialHit")]
public sealed record SpatialHit(
    [property: Id(0)] string RecordKey,
    [property: Id(1)] int Part,
    [property: Id(2)] DateOnly? From,
    [property: Id(3)] DateOnly? Until,
    [property: Id(4)] DivisionLevel? Level,
    [property: Id(5)] string? Label)
{
    public static SpatialHit Of(TileEntry entry) =>
        new(entry.RecordKey, entry.Part, entry.From, entry.Until, entry.Level, entry.Label);
}
