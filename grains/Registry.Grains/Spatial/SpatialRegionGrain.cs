using Microsoft.Extensions.Logging;
using Registry.Abstractions.Spatial;
using Registry.Grains.Storage;
using Registry.Grains.Indexing;

namespace Registry.Grains.Spatial;

/// <summary>One region's directory of occupied tiles; see <see cref="ISpatialRegionGrain"/>.</summary>
[GrainType(StorageNames.SpatialRegion)]
public sealed class SpatialRegionGrain(
    [PersistentState(StorageNames.SpatialRegion, StorageNames.Provider)] IPersistentState<SpatialRegionState> state,
    TimeProvider time,
    ILogger<SpatialRegionGrain> logger) : Grain, ISpatialRegionGrain
{
    private readonly IndexSubscribers<ISpatialIndexObserver> subscribers = new(time, logger);
    private RegionId region;
    private TileStamp stamp;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        region = RegionId.Parse(this.GetPrimaryKeyString());
        stamp = new TileStamp(Guid.NewGuid(), 0);
        return Task.CompletedTask;
    }

    public async Task SetOccupiedAsync(TileId tile, bool occupied)
    {
        var tiles = state.State.OccupiedTiles;
        if (tiles.Contains(tile.Key) == occupied)
        {
            return;
        }

        if (occupied)
        {
            tiles.Add(tile.Key);
            tiles.Sort(StringComparer.Ordinal);
        }
        else
        {
            tiles.Remove(tile.Key);
        }

        await state.WriteOrReloadAsync();
        stamp = stamp with { Counter = stamp.Counter + 1 };
        var current = stamp;
        await subscribers.NotifyAsync(observer => observer.RegionChangedAsync(region, current));
    }

    public Task<RegionSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new RegionSnapshot(region, stamp, state.State.OccupiedTiles.Select(TileId.Parse).ToList()));

    public Task<TileStamp> SubscribeAsync(ISpatialIndexObserver observer)
    {
        subscribers.Add(observer);
        DelayDeactivation(IndexSubscriptions.Lifetime);
        return Task.FromResult(stamp);
    }
}
