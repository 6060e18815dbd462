using System.Collections.Concurrent;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Api.Hosting;

namespace Registry.Api.Spatial;

/// <summary>
/// This process's read-side copy of the spatial index: immutable <see cref="TileIndex"/> snapshots of the tiles and
/// region directories that requests touched, so a point or box query costs no grain call once its tile is loaded.
/// Freshness: the cache subscribes to each tile and region it holds before reading it, and drops its copy when told of
/// a change (tiles notify subscribers before a record's write call returns, so a client reads its own writes); a
/// renewal every <see cref="RenewPeriod"/> compares versions, which also catches a lost notification or a tile that
/// was re-activated. Thread-safe; loads of one tile are shared by concurrent requests.
/// </summary>
public sealed class SpatialReadCache(IGrainFactory grains, ILogger<SpatialReadCache> logger)
    : PeriodicRenewal(RenewPeriod), ISpatialIndexObserver
{
    public static readonly TimeSpan RenewPeriod = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<TileId, Lazy<Task<Loaded<TileIndex>>>> tiles = new();
    private readonly ConcurrentDictionary<RegionId, Lazy<Task<Loaded<RegionSnapshot>>>> regions = new();
    private readonly Lock referenceLock = new();
    private ISpatialIndexObserver? reference;

    /// <summary>The tile's index, loading it on first use.</summary>
    public ValueTask<TileIndex> GetTileAsync(TileId tile)
    {
        if (tiles.TryGetValue(tile, out var cached) && cached.IsValueCreated && cached.Value.IsCompletedSuccessfully)
        {
            return new ValueTask<TileIndex>(cached.Value.Result.Value);
        }

        var lazy = tiles.GetOrAdd(tile,
            static (t, cache) => new Lazy<Task<Loaded<TileIndex>>>(() => cache.LoadTileAsync(t)), this);
        var task = lazy.Value;
        return task.IsCompletedSuccessfully ? new ValueTask<TileIndex>(task.Result.Value) : AwaitTileAsync(tile, lazy);
    }

    /// <summary>The tiles of <paramref name="layer"/> that hold records and touch <paramref name="box"/>.</summary>
    public async Task<IReadOnlyList<TileIndex>> GetTilesAsync(SpatialLayer layer, BoundingBox box)
    {
        var occupied = new List<TileId>();
        foreach (var region in await Task.WhenAll(SpatialTiling.RegionsCovering(layer, box).Select(GetRegionAsync)))
        {
            occupied.AddRange(region.OccupiedTiles.Where(t =>
                SpatialTiling.ExtentOf(t.X, t.Y).Intersects(box.ToEnvelope())));
        }

        var loaded = new List<TileIndex>(occupied.Count);
        foreach (var batch in occupied.Chunk(64))
        {
            foreach (var index in await Task.WhenAll(batch.Select(t => GetTileAsync(t).AsTask())))
            {
                loaded.Add(index);
            }
        }

        return loaded;
    }

    public async Task<RegionSnapshot> GetRegionAsync(RegionId region)
    {
        var lazy = regions.GetOrAdd(region, r => new Lazy<Task<Loaded<RegionSnapshot>>>(() => LoadRegionAsync(r)));
        try
        {
            return (await lazy.Value).Value;
        }
        catch
        {
            regions.TryRemove(new KeyValuePair<RegionId, Lazy<Task<Loaded<RegionSnapshot>>>>(region, lazy));
            throw;
        }
    }

    public Task TileChangedAsync(TileId tile, TileStamp stamp)
    {
        tiles.TryRemove(tile, out _);
        return Task.CompletedTask;
    }

    public Task RegionChangedAsync(RegionId region, TileStamp stamp)
    {
        regions.TryRemove(region, out _);
        return Task.CompletedTask;
    }


    private async ValueTask<TileIndex> AwaitTileAsync(TileId tile, Lazy<Task<Loaded<TileIndex>>> lazy)
    {
        try
        {
            return (await lazy.Value).Value;
        }
        catch
        {
            // A failed load is not cached: the next request tries again.
            tiles.TryRemove(new KeyValuePair<TileId, Lazy<Task<Loaded<TileIndex>>>>(tile, lazy));
            throw;
        }
    }

    private async Task<Loaded<TileIndex>> LoadTileAsync(TileId tile)
    {
        var grain = grains.Get<ISpatialTileGrain>(tile.Key);
        // Subscribe first: a change after this point is notified; one before it is in the snapshot.
        await grain.SubscribeAsync(Reference());
        var snapshot = await grain.GetSnapshotAsync();
        return new Loaded<TileIndex>(new TileIndex(snapshot), snapshot.Stamp);
    }

    private async Task<Loaded<RegionSnapshot>> LoadRegionAsync(RegionId region)
    {
        var grain = grains.Get<ISpatialRegionGrain>(region.Key);
        await grain.SubscribeAsync(Reference());
        var snapshot = await grain.GetSnapshotAsync();
        return new Loaded<RegionSnapshot>(snapshot, snapshot.Stamp);
    }

    private ISpatialIndexObserver Reference()
    {
        lock (referenceLock)
        {
            return reference ??= grains.CreateObjectReference<ISpatialIndexObserver>(this);
        }
    }

    /// <summary>Renews every subscription; drops copies whose version no longer matches.</summary>
    public override async Task RenewAsync()
    {
        try
        {
            var observer = Reference();
            foreach (var (tile, lazy) in tiles.ToArray())
            {
                if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully &&
                    await grains.Get<ISpatialTileGrain>(tile.Key).SubscribeAsync(observer) != lazy.Value.Result.Stamp)
                {
                    tiles.TryRemove(new KeyValuePair<TileId, Lazy<Task<Loaded<TileIndex>>>>(tile, lazy));
                }
            }

            foreach (var (region, lazy) in regions.ToArray())
            {
                if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully &&
                    await grains.Get<ISpatialRegionGrain>(region.Key).SubscribeAsync(observer) != lazy.Value.Result.Stamp)
                {
                    regions.TryRemove(new KeyValuePair<RegionId, Lazy<Task<Loaded<RegionSnapshot>>>>(region, lazy));
                }
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Renewing the spatial cache's subscriptions failed; dropping the cache");
            tiles.Clear();
            regions.Clear();
        }
    }

    private sealed record Loaded<T>(T Value, TileStamp Stamp);
}
