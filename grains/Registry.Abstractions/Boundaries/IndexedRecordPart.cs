using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>A record's entries for one tile at its <see cref="Revision"/>; no entries: the record is not in that
/// tile (any more).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.IndexedRecordPart")]
public sealed record IndexedRecordPart(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<TileEntry> Entries);
