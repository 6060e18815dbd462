using Microsoft.Extensions.Logging;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Grains.Storage;

namespace Registry.Grains.Spatial;

/// <summary>One tile of the spatial index; see <see cref="ISpatialTileGrain"/>.</summary>
[GrainType(StorageNames.SpatialTile)]
public sealed class SpatialTileGrain(
    [PersistentState(StorageNames.SpatialTile, StorageNames.Provider)] IPersistentState<SpatialTileState> state,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<SpatialTileGrain> logger) : Grain, ISpatialTileGrain
{
    /// <summary>How often the tile re-asks its records for changes it may have missed.</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long the tile waits for one record's answer before skipping it and asking again <see cref="RetryDelay"/>
    /// later. Records answer their tiles interleaved (<see cref="Abstractions.Boundaries.IIndexedRecordGrain"/>) and
    /// never call a tile while activating, so a slow answer only means load (hundreds of records activating at once
    /// from storage on two busy cores took over 2 s): the limit is a safety net for a silo lost mid-call, not a
    /// deadlock breaker, and a shorter one served incomplete tiles (missing divisions) right after a restart.
    /// </summary>
    public static readonly TimeSpan PullLimit = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, IndexedPart> parts = new(StringComparer.Ordinal);
    private readonly IndexSubscribers subscribers = new(time, logger);
    private IGrainTimer? retry;
    private TileId tile;
    private TileStamp stamp;
    private TileSnapshot? snapshot;
    private TileIndex? index;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        tile = TileId.Parse(this.GetPrimaryKeyString());
        stamp = new TileStamp(Guid.NewGuid(), 0);
        await RefreshFromRecordsAsync();
        if (state.State.Members.Count > 0)
        {
            // Repairs a region update lost before a crash; the region ignores what it already knows.
            await Region.SetOccupiedAsync(tile, true);
        }

        this.RegisterGrainTimer(_ => RefreshFromRecordsAsync(), new GrainTimerCreationOptions
        {
            DueTime = RefreshPeriod,
            Period = RefreshPeriod,
            Interleave = false,
            KeepAlive = false,
        });
    }

    public async Task ReserveAsync(string recordKey)
    {
        await AddMemberAsync(recordKey);
        await Region.SetOccupiedAsync(tile, true);
    }

    public async Task PutAsync(string recordKey, long revision, IReadOnlyList<TileEntry> entries)
    {
        if (parts.TryGetValue(recordKey, out var held) && held.Revision >= revision)
        {
            return;
        }

        if (await ApplyAsync(recordKey, revision, entries))
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
        DelayDeactivation(IndexSubscribers.Lifetime);
        return Task.FromResult(stamp);
    }

    private ISpatialRegionGrain Region => grains.Get<ISpatialRegionGrain>(tile.Region.Key);

    /// <summary>Asks every member for its part of this tile unless the tile already holds that revision.</summary>
    private async Task RefreshFromRecordsAsync()
    {
        var members = state.State.Members.ToList();
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
                return (Key: key, Part: (Abstractions.Boundaries.IndexedRecordPart?)null, Answered: false);
            }
        }));

        var changed = false;
        foreach (var (key, part, _) in answers)
        {
            if (part is not null && !(parts.TryGetValue(key, out var held) && held.Revision >= part.Revision))
            {
                changed |= await ApplyAsync(key, part.Revision, part.Entries);
            }
        }

        if (changed)
        {
            await ChangedAsync();
        }

        var skipped = answers.Count(a => !a.Answered);
        if (skipped > 0 && retry is null)
        {
            logger.LogInformation("Tile {Tile}: {Count} record(s) busy; asking again in {Delay}", tile, skipped,
                RetryDelay);
            retry = this.RegisterGrainTimer(async _ =>
            {
                retry?.Dispose();
                retry = null;
                await RefreshFromRecordsAsync();
            }, new GrainTimerCreationOptions
            {
                DueTime = RetryDelay,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = false,
                KeepAlive = true,
            });
        }
    }

    /// <summary>Takes a record's entries in memory and its membership in storage; true when the content changed.</summary>
    private async Task<bool> ApplyAsync(string recordKey, long revision, IReadOnlyList<TileEntry> entries)
    {
        var members = state.State.Members;
        if (entries.Count == 0)
        {
            var removed = parts.Remove(recordKey);
            if (members.Remove(recordKey))
            {
                await state.WriteAuditedAsync("index-release", recordKey);
                if (members.Count == 0)
                {
                    await Region.SetOccupiedAsync(tile, false);
                }
            }

            return removed;
        }

        parts[recordKey] = new IndexedPart(revision, entries);
        if (await AddMemberAsync(recordKey))
        {
            await Region.SetOccupiedAsync(tile, true);
        }

        return true;
    }

    /// <summary>Stores the record among the members (kept in ordinal order); false when it was one already.</summary>
    private async Task<bool> AddMemberAsync(string recordKey)
    {
        var members = state.State.Members;
        if (members.Contains(recordKey))
        {
            return false;
        }

        members.Add(recordKey);
        members.Sort(StringComparer.Ordinal);
        await state.WriteAuditedAsync("index-reserve", recordKey);
        return true;
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

    private sealed record IndexedPart(long Revision, IReadOnlyList<TileEntry> Entries);
}
