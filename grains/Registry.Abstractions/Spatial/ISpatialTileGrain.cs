using Orleans.Concurrency;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// One partition of the spatial index: the records of one layer within one 5-degree tile, keyed by
/// <see cref="TileId.Key"/>. It stores its records' clipped geometries itself (in pieces, one rewritten per change)
/// and holds them in memory in an STRtree of prepared geometries, rebuilt on activation from what it stored, never by
/// asking the records. Records publish their changes after their own write has committed, and again from the outbox
/// until they have (so a change reaches the tile even if the process died right after the write); every such call is
/// idempotent (ordered by the record's revision). Readers may subscribe to hear of changes.
/// </summary>
[Alias("Registry.Spatial.ISpatialTileGrain")]
public interface ISpatialTileGrain : IGrainWithStringKey
{
    /// <summary>After the record's write committed: its entries here at <paramref name="revision"/>, stored before the
    /// call returns. Revisions no newer than the one held are ignored. Empty entries remove the record.</summary>
    Task PutAsync(string recordKey, long revision, IReadOnlyList<TileEntry> entries);

    /// <summary>The tile's content and version.</summary>
    [ReadOnly]
    Task<TileSnapshot> GetSnapshotAsync();

    /// <summary>Area records in force on <paramref name="asOf"/> whose interior contains the position.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SpatialHit>> QueryPointAsync(double lon, double lat, DateOnly asOf);

    /// <summary>Records intersecting the box whose validity overlaps [<paramref name="start"/>, <paramref name="end"/>].</summary>
    [ReadOnly]
    Task<IReadOnlyList<SpatialHit>> QueryBoxAsync(BoundingBox box, DateOnly? start, DateOnly? end);

    /// <summary>Subscribes (or renews, for a few minutes) an observer; returns the current version. The tile stays
    /// active while it has subscribers.</summary>
    Task<TileStamp> SubscribeAsync(ISpatialIndexObserver observer);
}
