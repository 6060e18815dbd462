using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;

namespace Registry.Grains.Places;

/// <summary>
/// One partition of the place-name index; see <see cref="IPlaceNameIndexGrain"/> and <see cref="PlaceNameIndex"/>.
/// Its entries are stored by the partition itself in <see cref="PlaceNameIndex.PieceCount"/> pieces
/// (<see cref="StoredIndexPieces{TDoc}"/>) and held in memory by a <see cref="PlaceNameSearcher"/> (posting lists and a
/// grid over their envelopes). Readers that keep a copy (a process's <c>PlaceNameReadReplica</c>) subscribe and are
/// told of every change before the upsert returns. The first call that needs the entries (not the activation, which
/// the runtime may cancel: see <see cref="EnsureLoadedAsync"/>) reads the
/// checkpoint and the partition's compact snapshot (<see cref="PlaceNameIndexSnapshot"/>: entries and posting lists,
/// restored without parsing JSON or computing terms) and then only the pieces written since that snapshot, which the
/// checkpoint lists before each is first written (so an entry stored just before a crash is read back); without a
/// valid snapshot it reads every piece and takes one. A timer takes a new snapshot every
/// <see cref="PlaceNameIndexOptions.SnapshotInterval"/> while pieces have changed. It never reads the place-name
/// records; only a partition without a checkpoint of the current
/// layout (a data directory written before the index kept its own state, or after a bulk import that wrote records
/// directly) builds its pieces from the records once, and <see cref="RebuildAsync"/> does so on request. Place-name
/// grains upsert their entry after each committed write (and the outbox relay until they have); versions
/// (<see cref="PlaceNameIndex.VersionOf"/>) make upserts idempotent and order-proof. Kept active (its subscribers
/// and version live in the activation), but a loaded partition no call has needed for
/// <see cref="PlaceNameIndexOptions.ReleaseWhenIdle"/> lets its entries go once its snapshot is current, as if
/// restarted: searches are answered by the processes' read replicas, which copy it from its stored image.
/// </summary>
[GrainType(StorageNames.PlaceNameIndexGrainType)]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class PlaceNameIndexGrain(
    [PersistentState(StorageNames.PlaceNameIndex, StorageNames.Provider)]
    IPersistentState<PlaceNameIndexState> checkpoint,
    [PersistentState(StorageNames.PlaceNameIndexSnapshot, StorageNames.Provider)]
    IPersistentState<IndexSnapshotState> snapshot,
    IStoredRecords records,
    IServiceProvider services,
    BureauClock clock,
    TimeProvider time,
    IGrainFactory grains,
    ILogger<PlaceNameIndexGrain> logger) : Grain, IPlaceNameIndexGrain
{
    private PlaceNameSearcher searcher = new();
    private readonly IndexSubscribers<IPlaceNameIndexObserver> subscribers = new(time, logger);
    private StoredIndexPieces<PlaceNameIndexEntry> pieces = null!;
    private IndexSnapshots<PlaceNameIndexState> snapshots = null!;
    private PlaceNameIndexStamp stamp = new(Guid.NewGuid(), 0);

    /// <summary>When (bureau clock) the last completed build from the records began: an ask made before it is answered
    /// by it (<see cref="RebuildAsync"/>).</summary>
    private DateTimeOffset builtFrom = DateTimeOffset.MinValue;

    private readonly PartitionLoad load = new();
    private TimeSpan releaseWhenIdle;
    // When (the injected clock) a call last needed the entries.
    private DateTimeOffset lastNeeded;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        pieces = NewPieces();
        snapshots = new IndexSnapshots<PlaceNameIndexState>(checkpoint, snapshot, time);
        var options = services.GetService<PlaceNameIndexOptions>() ?? new PlaceNameIndexOptions();
        releaseWhenIdle = options.ReleaseWhenIdle;
        this.RegisterGrainTimer(TickAsync,
            new GrainTimerCreationOptions(options.SnapshotInterval, options.SnapshotInterval));
        // The entries are loaded by the first call (EnsureLoadedAsync, see PartitionLoad), not here.
        return Task.CompletedTask;
    }

    /// <summary>
    /// Loads the partition once (<see cref="PartitionLoad"/>): from the checkpoint's snapshot and the pieces written
    /// since; without a valid snapshot from every piece; without a checkpoint of the current layout from the records
    /// (once).
    /// </summary>
    private Task EnsureLoadedAsync()
    {
        lastNeeded = time.GetUtcNow();
        return load.EnsureAsync(LoadOnceAsync);
    }

    private StoredIndexPieces<PlaceNameIndexEntry> NewPieces() =>
        new(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), StorageNames.PlaceNameIndexPiece,
            StorageNames.PlaceNameIndexPiece, this.GetPrimaryKeyLong(), PlaceNameIndex.PieceCount,
            PlaceNameIndex.PieceOf, records);

    private async Task LoadOnceAsync()
    {
        var restored = false;
        if (StoredLayoutIsCurrent)
        {
            restored = await RestoreSnapshotAsync();
            if (!restored)
            {
                foreach (var (_, entry) in await pieces.LoadAsync())
                {
                    Apply(entry);
                }
            }
        }
        else
        {
            logger.LogInformation("Place-name index partition {Partition} has no stored pieces of the current layout; building them from the records once",
                Partition);
            var started = clock.Now;
            await BuildFromRecordsAsync(CancellationToken.None);
            builtFrom = started;
        }

        if (!restored)
        {
            await TakeSnapshotAsync();
        }

        load.Loaded();
    }

    /// <summary>
    /// Starts from the stored snapshot the checkpoint names, then reads the pieces written since it. False (nothing
    /// applied) when there is none of this generation, format and entry version.
    /// </summary>
    private async Task<bool> RestoreSnapshotAsync()
    {
        var restored = await snapshots.ReadImageAsync() is { } image && PlaceNameIndexSnapshot.TryRead(image, searcher.Index);
        snapshots.Release();
        searcher.Restored();
        if (!restored)
        {
            return false;
        }

        foreach (var (_, entry) in await pieces.LoadPiecesAsync(checkpoint.State.ChangedPieces))
        {
            Apply(entry);
        }

        return true;
    }

    /// <summary>Whether the stored pieces are of this build's layout and entry version.</summary>
    private bool StoredLayoutIsCurrent =>
        checkpoint.State.PieceCount == PlaceNameIndex.PieceCount
        && checkpoint.State.EntryVersion == PlaceNameIndex.EntryVersion;

    /// <summary>The stored snapshot image the checkpoint names (read again if it was let go), when it is of the
    /// current layout; else null.</summary>
    private async Task<byte[]?> StoredImageAsync() =>
        StoredLayoutIsCurrent && await snapshots.ReadImageAsync() is { } image && PlaceNameIndexSnapshot.IsCurrent(image)
            ? image
            : null;

    /// <summary>The timer's tick: a snapshot when pieces were written since the last one, then the entries let go when
    /// no call has needed them for <see cref="PlaceNameIndexOptions.ReleaseWhenIdle"/>.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        // Before the entries are loaded, memory is not the partition: a snapshot of it would lose every entry.
        if (load.IsLoaded && checkpoint.State.ChangedPieces.Count > 0)
        {
            await TakeSnapshotAsync();
        }

        if (load.IsLoaded && releaseWhenIdle > TimeSpan.Zero && time.GetUtcNow() - lastNeeded >= releaseWhenIdle
            && StoredLayoutIsCurrent && snapshots.InUse && !snapshots.Changed)
        {
            Release();
        }
    }

    /// <summary>
    /// Lets the entries go, as a restart would: everything they hold is stored (the snapshot the checkpoint names,
    /// with no piece written since), so the next call that needs them reads that snapshot again, and until then a
    /// copy is handed the stored image (<see cref="CopyAsync"/>). What <see cref="RefreshDueAsync"/> recomputed in
    /// memory only is computed again after the next load, as after a restart.
    /// </summary>
    private void Release()
    {
        var entries = searcher.Count;
        searcher = new PlaceNameSearcher();
        pieces = NewPieces();
        load.Released();
        ReleasedMemory.Collect();
        logger.LogInformation("Place-name index partition {Partition} let its {Entries} entries go after {Idle} without a call needing them; they stay stored",
            Partition, entries, releaseWhenIdle);
    }

    /// <summary>
    /// Stores the partition as a snapshot of a new generation, then the checkpoint naming it with no changed pieces.
    /// Stopped between the two, the checkpoint still names the older generation, which no longer matches the stored
    /// snapshot: the next start reads every piece, as without a snapshot. Not taken while the checkpoint is not of
    /// the current layout (a bulk import forgot it: the next start builds from the records).
    /// </summary>
    private async Task TakeSnapshotAsync()
    {
        await checkpoint.ReadStateAsync();
        if (!StoredLayoutIsCurrent)
        {
            return;
        }

        await snapshots.TakeAsync(PlaceNameIndexSnapshot.Write(searcher.Index), searcher.Count);
    }

    /// <summary>
    /// Lists <paramref name="piece"/> in the checkpoint as written since the snapshot, stored before the piece is:
    /// a start from the snapshot then reads it again. Nothing to do without a snapshot in use or when it is listed.
    /// </summary>
    private async Task ListChangedPieceAsync(int piece)
    {
        if (checkpoint.State.SnapshotGeneration == 0 || checkpoint.State.ChangedPieces.Contains(piece))
        {
            return;
        }

        try
        {
            checkpoint.State.ChangedPieces.Add(piece);
            await checkpoint.WriteStateAsync();
        }
        catch (Exception error) when (error is not StorageUnavailableException)
        {
            // Most likely a bulk import forgot the checkpoint behind this activation's back (PlaceNameIndexReset):
            // read it again; without a snapshot in use there is nothing to list.
            logger.LogInformation(error, "Place-name index partition {Partition} reads its checkpoint again",
                this.GetPrimaryKeyLong());
            await checkpoint.ReadStateAsync();
            if (checkpoint.State.SnapshotGeneration != 0 && !checkpoint.State.ChangedPieces.Contains(piece))
            {
                checkpoint.State.ChangedPieces.Add(piece);
                await checkpoint.WriteStateAsync();
            }
        }
    }

    public async Task UpsertAsync(PlaceNameIndexEntry entry)
    {
        await EnsureLoadedAsync();
        if (searcher.Index.RevisionOf(entry.Id) >= PlaceNameIndex.VersionOf(entry))
        {
            return;
        }

        // Stored first: if the write fails, memory is unchanged and the sender's retry is not mistaken for a duplicate.
        await ListChangedPieceAsync(PlaceNameIndex.PieceOf(entry.Id));
        await pieces.PutAsync(entry.Id, entry);
        if (searcher.Apply(entry))
        {
            await ChangedAsync([entry]);
        }
    }

    public async Task<PlaceNamePage> SearchAsync(PlaceNameQuery query)
    {
        await EnsureLoadedAsync();
        await RefreshDueAsync();
        return searcher.Search(query);
    }

    public Task<PlaceNameIndexStamp> SubscribeAsync(IPlaceNameIndexObserver observer)
    {
        subscribers.Add(observer);
        return Task.FromResult(stamp);
    }

    public async Task<PlaceNamePartitionCopy> CopyAsync(bool imageIfNotLoaded = false)
    {
        // Not loaded and no load begun (a restart, before any write or search reached this partition): what is stored
        // is the partition, so the stored image and the pieces written since it are handed over as they are, and this
        // activation stays unloaded until a call needs its entries. Writes do not interleave with this read-only call.
        if (imageIfNotLoaded && !load.Begun && await StoredImageAsync() is { } image)
        {
            snapshots.Release();
            var since = (await pieces.LoadPiecesAsync(checkpoint.State.ChangedPieces.ToList()))
                .Select(e => e.Value).ToList();
            return new PlaceNamePartitionCopy(stamp, since, since.Select(PlaceNameIndex.VersionOf).ToList(), [], image);
        }

        await EnsureLoadedAsync();
        // Fresh arrays: the copy is passed by reference within the silo and must not change with the partition.
        var documents = searcher.Index.Documents();
        return new PlaceNamePartitionCopy(stamp,
            documents.Select(d => d.Doc).ToList(),
            documents.Select(d => d.Revision).ToList(),
            searcher.Index.Postings.Select(p => new PlaceNamePosting(p.Key, p.Value.ToArray())).ToList());
    }

    public async Task<int> RebuildAsync(DateTimeOffset askedAt)
    {
        await EnsureLoadedAsync();
        if (builtFrom > askedAt)
        {
            return searcher.Count;
        }

        // Otherwise built again, also when this activation's first load built from the records: that build may have
        // read the records before a bulk import wrote more and stored its checkpoint after the import forgot the
        // checkpoints (an import into a service whose index was loading), so only a build begun after the ask counts.
        var started = clock.Now;
        await BuildFromRecordsAsync(CancellationToken.None);
        builtFrom = started;
        await TakeSnapshotAsync();
        stamp = stamp with { Counter = stamp.Counter + 1 };
        var rebuilt = stamp;
        await subscribers.NotifyAsync(o => o.PartitionRebuiltAsync(Partition, rebuilt));
        return searcher.Count;
    }

    /// <summary>
    /// Replaces, in memory, the entries whose rename or abolition has taken effect since they were computed with the
    /// records' entries as of today: the name in force changes on its day without a background job. Not stored here
    /// (a search may interleave with another); the record's next write stores its entry, and until then a restart
    /// recomputes these few again on the first search.
    /// </summary>
    public async Task RefreshDueAsync()
    {
        await EnsureLoadedAsync();
        var ids = searcher.DueBy(clock.Today);
        if (ids.Count == 0)
        {
            return;
        }

        var recomputed = await Task.WhenAll(ids.Select(id => grains.Get<IPlaceNameGrain>(id).IndexEntryAsync()));
        await ChangedAsync(recomputed.OfType<PlaceNameIndexEntry>().Where(searcher.Apply).ToList());
    }

    /// <summary>Moves the version on and tells the observers, when anything changed.</summary>
    private async Task ChangedAsync(IReadOnlyList<PlaceNameIndexEntry> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        stamp = stamp with { Counter = stamp.Counter + 1 };
        var current = stamp;
        await subscribers.NotifyAsync(o => o.EntriesChangedAsync(Partition, current, changed));
    }

    private int Partition => (int)this.GetPrimaryKeyLong();

    /// <summary>
    /// Reads this partition's share of the place-name records, stores every piece from them and then the
    /// checkpoint. Interrupted, it leaves no checkpoint of the current layout, so the next activation builds again;
    /// entries already stored are simply replaced.
    /// </summary>
    private async Task BuildFromRecordsAsync(CancellationToken cancellationToken)
    {
        var partition = (int)this.GetPrimaryKeyLong();
        var today = clock.Today;
        var built = new Dictionary<string, PlaceNameIndexEntry>(StringComparer.Ordinal);
        void Keep(PlaceNameIndexEntry entry)
        {
            if (!built.TryGetValue(entry.Id, out var other) || PlaceNameIndex.VersionOf(other) < PlaceNameIndex.VersionOf(entry))
            {
                built[entry.Id] = entry;
            }
        }

        await foreach (var state in records.ReadAllAsync<PlaceNameState>(StorageNames.PlaceName,
                           id => PlaceNameIndex.PartitionOf(id) == partition, cancellationToken))
        {
            if (state.Id.Length == 0)
            {
                continue;
            }

            try
            {
                Keep(PlaceNameViews.IndexEntry(state, today));
            }
            catch (DomainException)
            {
                logger.LogWarning("Place name {Id} has an unreadable geometry and is not indexed", state.Id);
            }
        }

        // An upsert newer than the record read (none can interleave: upserts and rebuilds are not reentrant) is kept.
        foreach (var current in searcher.Index.All)
        {
            Keep(current);
        }

        // The snapshot in use no longer holds what the pieces will: forgotten first, so a stop before the new one is
        // taken starts from every piece.
        await ForgetSnapshotAsync();
        await pieces.ReplaceAllAsync(built);
        searcher.Clear();
        foreach (var entry in built.Values)
        {
            Apply(entry);
        }

        await StoreCheckpointAsync(searcher.Count);
    }

    /// <summary>Stops using the snapshot, from the checkpoint as stored (a bulk import may have reset it).</summary>
    private async Task ForgetSnapshotAsync()
    {
        await checkpoint.ReadStateAsync();
        await snapshots.ForgetAsync();
    }

    private async Task StoreCheckpointAsync(int entries)
    {
        // Read first: a bulk import may have removed the checkpoint behind this activation's back
        // (PlaceNameIndexReset), and a write against the old version would be refused.
        await checkpoint.ReadStateAsync();
        checkpoint.State.PieceCount = PlaceNameIndex.PieceCount;
        checkpoint.State.EntryVersion = PlaceNameIndex.EntryVersion;
        checkpoint.State.BuiltAt = time.GetUtcNow();
        checkpoint.State.BuiltEntries = entries;
        await checkpoint.WriteStateAsync();
    }

    private void Apply(PlaceNameIndexEntry entry) => searcher.Apply(entry);
}
