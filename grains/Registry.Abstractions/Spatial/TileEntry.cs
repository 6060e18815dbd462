using Registry.Abstractions.Divisions;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// One record's geometry clipped to one tile (WKB, WGS84 lon/lat; clipped to the tile widened by
/// <see cref="SpatialTiling.ClipMargin"/>, so that inside the tile it is exactly the record's geometry).
/// <see cref="Part"/> tells apart several entries of one record (a division's geometry versions). An entry is in
/// force from <see cref="From"/> (null: since before the records) until the day before <see cref="Until"/> (null:
/// open). <see cref="Label"/> is what the layer shows without asking the record (a reference area's name, a line or
/// marker number); <see cref="Level"/> is set for division areas.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.TileEntry")]
public sealed record TileEntry(
    [property: Id(0)] string RecordKey,
    [property: Id(1)] int Part,
    [property: Id(2)] byte[] Wkb,
    [property: Id(3)] DateOnly? From,
    [property: Id(4)] DateOnly? Until,
    [property: Id(5)] DivisionLevel? Level,
    [property: Id(6)] string? Label)
{
    public bool InForceOn(DateOnly date) => (From is null || From <= date) && (Until is null || date < Until);

    /// <summary>True when the entry's validity overlaps [<paramref name="start"/>, <paramref name="end"/>]
    /// (either end null: open).</summary>
    public bool InForceDuring(DateOnly? start, DateOnly? end) =>
        (end is null || From is null || From <= end) && (start is null || Until is null || start < Until);
}
