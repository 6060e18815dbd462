using Orleans.Concurrency;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// Which tiles of one 45-degree region of one layer hold anything, keyed by <see cref="RegionId.Key"/>. Told by its
/// tiles when they become occupied or empty (idempotent); persisted. Lets box queries and listings skip empty tiles
/// without any global directory.
/// </summary>
[Alias("Registry.Spatial.ISpatialRegionGrain")]
public interface ISpatialRegionGrain : IGrainWithStringKey
{
    Task SetOccupiedAsync(TileId tile, bool occupied);

    [ReadOnly]
    Task<RegionSnapshot> GetSnapshotAsync();

    /// <summary>Subscribes (or renews) an observer; returns the current version.</summary>
    Task<TileStamp> SubscribeAsync(ISpatialIndexObserver observer);
}
