using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Text;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;

namespace Registry.Grains.Spatial;

/// <summary>One tile of the spatial index; see <see cref="ISpatialTileGrain"/>.</summary>
/// <remarks>
/// The tile keeps its records' clipped entries itself, in <see cref="PieceCount"/> stored pieces by record
/// (<see cref="StoredIndexPieces{TDoc}"/>): activating reads those pieces and no record, and a record's change rewrites
/// one piece. A tile stored by an earlier build held only the keys of its records (<see cref="SpatialTileState"/>):
/// on its first activation it asks those records once, stores their entries in its pieces and empties the old list.
/// </remarks>
[GrainType(StorageNames.SpatialTile)]
public sealed class SpatialTileGrain(
    [PersistentState(StorageNames.SpatialTile, StorageNames.Provider)] IPersistentState<SpatialTileState> legacy,
    IServiceProvider services,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<SpatialTileGrain> logger) : Grain, ISpatialTileGrain
{
    /// <summary>Stored pieces per tile: a record's change rewrites about 1/8 of its tile.</summary>
    public const int PieceCount = 8;

    /// <summary>
    /// How long the tile waits for one record's answer while moving a tile of the earlier layout, before asking it
    /// again <see cref="RetryDelay"/> later (hundreds of records activating at once from storage on two busy cores
    /// took over 2 s).
    /// </summary>
    public static readonly TimeSpan PullLimit = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, StoredTilePart> parts = new(StringComparer.Ordinal);
    private readonly IndexSubscribers<ISpatialIndexObserver> subscribers = new(time, logger);
    private StoredIndexPieces<StoredTilePart> pieces = null!;
    private IGrainTimer? retry;
    private TileId tile;
    private TileStamp stamp;
    private TileSnapshot? snapshot;
    private TileIndex? index;

    /// <summary>The stored piece of a record's part in a tile.</summary>
    public static int PieceOf(string recordKey) => PartitionHash.Partition(recordKey, PieceCount);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        tile = TileId.Parse(key);
        stamp = new TileStamp(Guid.NewGuid(), 0);
        pieces = new StoredIndexPieces<StoredTilePart>(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider),
            StorageNames.SpatialTilePiece, StorageNames.SpatialTilePiece, key, PieceCount, PieceOf,
            services.GetRequiredService<IStoredRecords>());
        foreach (var (record, part) in await pieces.LoadAsync())
        {
            parts[record] = part;
        }

        if (legacy.State.Members.Count > 0)
        {
            await MoveEarlierLayoutAsync();
        }

        if (Occupied)
        {
            // Repairs a region update lost before a crash; the region ignores what it already knows.
            await Region.SetOccupiedAsync(tile, true);
        }
    }

    public async Task PutAsync(string recordKey, long revision, IReadOnlyList<TileEntry> entries)
    {
        if (parts.TryGetValue(recordKey, out var held) && held.Revision >= revision)
        {
            return;
        }

        if (entries.Count > 0 && !Occupied)
        {
            // Before the tile stores it, so that the region never hides a stored record; a region told of a tile that
            // then failed to store only makes a reader ask one tile for nothing. An occupied tile's region knows it
            // already (told when it became occupied, and again on every activation): no call per publication.
            await Region.SetOccupiedAsync(tile, true);
        }

        var part = new StoredTilePart(revision, entries.ToList());
        await pieces.PutAsync(recordKey, part);
        parts[recordKey] = part;
        if (entries.Count == 0 && !Occupied)
        {
            await Region.SetOccupiedAsync(tile, false);
        }

        if (entries.Count > 0 || held is { Entries.Count: > 0 })
        {
            await ChangedAsync();
        }
    }

    public Task<TileSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public Task<IReadOnlyList<SpatialHit>> QueryPointAsync(double lon, double lat, DateOnly asOf)
    {
        var hits = new List<TileEntry>();
        Index().QueryPoint(lon, lat, asOf, hits);
        return Task.FromResult<IReadOnlyList<SpatialHit>>(hits.Select(SpatialHit.Of).ToList());
    }

    public Task<IReadOnlyList<SpatialHit>> QueryBoxAsync(BoundingBox box, DateOnly? start, DateOnly? end) =>
        Task.FromResult<IReadOnlyList<SpatialHit>>(
            Index().QueryBox(box, start, end).Select(e => SpatialHit.Of(e.Entry)).ToList());

    public Task<TileStamp> SubscribeAsync(ISpatialIndexObserver observer)
    {
        subscribers.Add(observer);
        DelayDeactivation(IndexSubscriptions.Lifetime);
        return Task.FromResult(stamp);
    }

    private ISpatialRegionGrain Region => grains.Get<ISpatialRegionGrain>(tile.Region.Key);

    private bool Occupied => parts.Values.Any(p => p.Entries.Count > 0);

    /// <summary>
    /// Moves a tile stored by an earlier build (only its records' keys) into the pieces: asks each record for its
    /// entries here, stores them, and drops the answered records from the old list. A record that does not answer in
    /// time is asked again <see cref="RetryDelay"/> later; the list is emptied once every record has answered.
    /// </summary>
    private async Task MoveEarlierLayoutAsync()
    {
        var members = legacy.State.Members.ToList();
        logger.LogInformation("Tile {Tile}: moving {Count} record(s) of the earlier layout into stored pieces", tile,
            members.Count);
        var answers = await Task.WhenAll(members.Select(async key =>
        {
            var known = parts.TryGetValue(key, out var held) ? held.Revision : -1;
            try
            {
                var part = await IndexedRecords.Of(grains, tile.Layer, key).GetTileEntriesAsync(tile, known)
                    .WaitAsync(PullLimit);
                return (Key: key, Part: part, Answered: true);
            }
            catch (TimeoutException)
            {
                return (Key: key, Part: (IndexedRecordPart?)null, Answered: false);
            }
        }));

        foreach (var (key, part, _) in answers)
        {
            if (part is not null && !(parts.TryGetValue(key, out var held) && held.Revision >= part.Revision))
            {
                var stored = new StoredTilePart(part.Revision, part.Entries.ToList());
                await pieces.PutAsync(key, stored);
                parts[key] = stored;
            }
        }

        legacy.State.Members.RemoveAll(key => answers.Any(a => a.Answered && a.Key == key));
        await legacy.WriteOrReloadAsync();
        await ChangedAsync();
        if (legacy.State.Members.Count > 0 && retry is null)
        {
            logger.LogInformation("Tile {Tile}: {Count} record(s) busy; asking again in {Delay}", tile,
                legacy.State.Members.Count, RetryDelay);
            retry = this.RegisterGrainTimer(async _ =>
            {
                retry?.Dispose();
                retry = null;
                await MoveEarlierLayoutAsync();
            }, new GrainTimerCreationOptions
            {
                DueTime = RetryDelay,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = false,
                KeepAlive = true,
            });
        }
    }

    private async Task ChangedAsync()
    {
        stamp = stamp with { Counter = stamp.Counter + 1 };
        snapshot = null;
        index = null;
        var current = stamp;
        await subscribers.NotifyAsync(observer => observer.TileChangedAsync(tile, current));
    }

    private TileSnapshot Snapshot() =>
        snapshot ??= new TileSnapshot(tile, stamp, parts.OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Entries).ToList());

    private TileIndex Index() => index ??= new TileIndex(Snapshot());
}
