using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Registry.Abstractions.Organizations;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;

namespace Registry.Grains.Organizations;

/// <summary>
/// One partition of the search index; see <see cref="IOrganizationIndexGrain"/> and <see cref="OrganizationIndex"/>.
/// Its entries are stored by the partition itself in <see cref="OrganizationIndex.PieceCount"/> pieces
/// (<see cref="StoredIndexPieces{TDoc}"/>) and held in memory as an <see cref="OrganizationPartition"/>, so a search
/// intersects posting lists instead of visiting every entry. The first call (not the activation) reads the checkpoint and the partition's
/// compact snapshot (<see cref="OrganizationIndexSnapshot"/>: entries and posting lists, restored without parsing JSON
/// or computing terms) and then only the pieces written since it, which the checkpoint lists before each is first
/// written (<see cref="IndexSnapshots{TCheckpoint}"/>); never the organization records. Without a valid snapshot (a
/// data directory written before the index kept one) it reads every piece and takes a snapshot in the background. A
/// timer takes a new snapshot every <see cref="IndexSnapshotOptions.SnapshotInterval"/> while pieces have changed, and
/// a graceful deactivation takes one too; a partition that holds entries and has no snapshot in use takes one at the
/// next tick. The silo asks every partition to load at its start (<see cref="LoadAsync"/>). A partition whose checkpoint names an older piece count moves its stored
/// entries to the current layout once and removes the older pieces (also those an earlier move left behind, in the
/// background); only a partition without a checkpoint (a data directory written before the index kept its own state,
/// or a fresh one) builds its pieces from the records once, and <see cref="RebuildAsync"/> does so on request.
/// Organization grains upsert their entry after each committed write (and the outbox relay until they have);
/// revisions make upserts idempotent and order-proof. Kept active so a partition is not reloaded after idle periods.
/// Once loaded it is also readable by searches in its own silo without a grain call
/// (<see cref="LocalOrganizationPartitions"/>).
/// </summary>
[GrainType(StorageNames.OrganizationIndexGrainType)]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class OrganizationIndexGrain(
    [PersistentState(StorageNames.OrganizationIndex, StorageNames.Provider)]
    IPersistentState<OrganizationIndexState> checkpoint,
    [PersistentState(StorageNames.OrganizationIndexSnapshot, StorageNames.Provider)]
    IPersistentState<IndexSnapshotState> snapshot,
    IStoredRecords records,
    IServiceProvider services,
    TimeProvider time,
    LocalOrganizationPartitions local,
    FilingWindowPolicy windows,
    ILogger<OrganizationIndexGrain> logger) : Grain, IOrganizationIndexGrain
{
    private static readonly TimeSpan ArmRetryPeriod = TimeSpan.FromMinutes(1);

    private readonly OrganizationPartition index = new();

    // Held for reading by direct readers in this silo (see LocalOrganizationPartitions), for writing around every
    // change to the partition's memory; the grain's own reads need no lock, since only its turns change the memory.
    private readonly ReaderWriterLockSlim gate = new();
    private StoredIndexPieces<OrganizationIndexEntry> pieces = null!;
    private IndexSnapshots<OrganizationIndexState> snapshots = null!;

    /// <summary>Memory holds entries that no stored snapshot does, though no piece was written since the one in use
    /// (none was valid at the start, or every piece was rewritten): the next tick takes one.</summary>
    private bool snapshotDue;

    private LocalOrganizationPartitions.Reader? reader;
    private IGrainTimer? armRetry;

    private readonly PartitionLoad load = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        pieces = PiecesOf(OrganizationIndex.PieceCount);
        snapshots = new IndexSnapshots<OrganizationIndexState>(checkpoint, snapshot, time);
        var interval = (services.GetKeyedService<IndexSnapshotOptions>(StorageNames.OrganizationIndexGrainType)
            ?? new IndexSnapshotOptions()).SnapshotInterval;
        this.RegisterGrainTimer(InBackgroundAsync, new GrainTimerCreationOptions(interval, interval));
        // The entries are loaded by the first call (EnsureLoadedAsync, see PartitionLoad), not here.
        return Task.CompletedTask;
    }

    /// <summary>Loads the partition once (<see cref="PartitionLoad"/>).</summary>
    private Task EnsureLoadedAsync() => load.EnsureAsync(LoadOnceAsync);

    /// <summary>
    /// From the checkpoint's snapshot and the pieces written since; without a valid snapshot from every piece (then a
    /// snapshot is due); from the pieces of an older layout, moved; without a checkpoint from the records (once).
    /// </summary>
    private async Task LoadOnceAsync()
    {
        index.Clear();
        var stored = checkpoint.State.PieceCount;
        if (stored == OrganizationIndex.PieceCount)
        {
            if (!await RestoreSnapshotAsync())
            {
                foreach (var (_, entry) in await pieces.LoadAsync())
                {
                    index.Put(entry);
                }

                snapshotDue = true;
            }
        }
        else if (stored != 0)
        {
            logger.LogInformation("Organization index partition {Partition} is stored in {Stored} pieces; moving its entries to the current {Current}",
                this.GetPrimaryKeyLong(), stored, OrganizationIndex.PieceCount);
            await MoveFromLayoutAsync(stored);
        }
        else
        {
            logger.LogInformation("Organization index partition {Partition} has no stored pieces; building them from the records once",
                this.GetPrimaryKeyLong());
            await BuildFromRecordsAsync(CancellationToken.None);
        }

        load.Loaded();
        reader = ReadLocked;
        local.Register((int)this.GetPrimaryKeyLong(), reader);
        await ArmDeadlineSweepAsync();
    }

    public async Task LoadAsync() => await EnsureLoadedAsync();

    /// <summary>
    /// The partition's deadline sweep must be armed for every partition that holds entries: armed once, its reminder
    /// is durable and wakes this partition itself. Asked at each activation (a partition lives for the silo's life);
    /// a failure is retried by a timer, never fails the activation.
    /// </summary>
    private async Task ArmDeadlineSweepAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IOrganizationDeadlineSweepGrain>(this.GetPrimaryKeyLong()).EnsureArmedAsync();
            armRetry?.Dispose();
            armRetry = null;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Arming the deadline sweep of organization index partition {Partition} failed; retrying",
                this.GetPrimaryKeyLong());
            armRetry ??= this.RegisterGrainTimer(ArmDeadlineSweepAsync, ArmRetryPeriod, ArmRetryPeriod);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reader is not null)
        {
            local.Unregister((int)this.GetPrimaryKeyLong(), reader);
            // A graceful stop (a deployment) leaves a snapshot of everything, so the next start reads no piece.
            // Cut short or failed, the stored snapshot and checkpoint still agree as before: nothing is lost.
            try
            {
                await SnapshotIfChangedAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Organization index partition {Partition} took no snapshot on deactivation",
                    this.GetPrimaryKeyLong());
            }
        }
    }

    /// <summary>
    /// Starts from the stored snapshot the checkpoint names, then reads the pieces written since it. False (the
    /// partition left empty) when there is none of this generation and format, or it is damaged.
    /// </summary>
    private async Task<bool> RestoreSnapshotAsync()
    {
        if (snapshots.Image is not { } image)
        {
            return false;
        }

        var restored = OrganizationIndexSnapshot.TryRead(image, index);
        snapshots.Release();
        if (!restored)
        {
            logger.LogWarning("Organization index partition {Partition} could not read its snapshot; reading its pieces",
                this.GetPrimaryKeyLong());
            return false;
        }

        // After a stop in the middle of an import most pieces may have changed: then one range read of them all costs
        // less than as many reads by key (an entry the snapshot holds at the same revision is not put again).
        var changed = snapshots.ChangedPieces;
        foreach (var (_, entry) in changed.Count * 4 > OrganizationIndex.PieceCount
                     ? await pieces.LoadAsync()
                     : await pieces.LoadPiecesAsync(changed.ToList()))
        {
            index.Put(entry);
        }

        return true;
    }

    /// <summary>The timer's tick: a snapshot when entries changed since the last one, then (once) the removal of the
    /// pieces of older layouts.</summary>
    private async Task InBackgroundAsync(CancellationToken cancellationToken)
    {
        // Before the entries are loaded, memory is not the partition: a snapshot of it would lose every entry.
        if (!load.IsLoaded)
        {
            return;
        }

        await SnapshotIfChangedAsync();
        if (!checkpoint.State.OlderPiecesRemoved && checkpoint.State.PieceCount == OrganizationIndex.PieceCount)
        {
            await RemoveOlderPiecesAsync();
        }
    }

    /// <summary>
    /// Takes a snapshot when pieces were written since the one in use, or none is in use and the partition holds
    /// entries (so every partition that holds entries gets one, whatever path loaded it). A failed write is logged and
    /// tried again by the next tick, with the stored states read again: a write refused for a stale version would
    /// otherwise be refused at every tick.
    /// </summary>
    private async Task SnapshotIfChangedAsync()
    {
        if (checkpoint.State.PieceCount != OrganizationIndex.PieceCount
            || !(snapshotDue || snapshots.Changed || (!snapshots.InUse && index.Count > 0)))
        {
            return;
        }

        try
        {
            await snapshots.TakeAsync(OrganizationIndexSnapshot.Write(index), index.Count);
            snapshotDue = false;
        }
        catch (InconsistentStateException e)
        {
            logger.LogWarning(e, "Organization index partition {Partition} took no snapshot; reading its stored states again",
                this.GetPrimaryKeyLong());
            await snapshot.ReadStateAsync();
            snapshots.Release();
        }
    }

    /// <summary>
    /// Removes the pieces of the layouts before the current one (the plain piece type, 128 or 512 pieces: the 128
    /// layout's ids are among the 512's), then records that in the checkpoint. Interrupted, the next activation
    /// removes what is left.
    /// </summary>
    private async Task RemoveOlderPiecesAsync()
    {
        var removed = await PiecesOf(OrganizationIndex.FirstPieceCount).RemoveAllAsync();
        if (removed > 0)
        {
            logger.LogInformation("Organization index partition {Partition} removed {Removed} pieces of an older layout",
                this.GetPrimaryKeyLong(), removed);
        }

        checkpoint.State.OlderPiecesRemoved = true;
        await checkpoint.WriteStateAsync();
    }

    public async Task UpsertAsync(OrganizationIndexEntry entry)
    {
        await EnsureLoadedAsync();
        if (index.RevisionOf(entry.Uscc) >= entry.Revision)
        {
            return;
        }

        // Stored first: if the write fails, memory is unchanged and the sender's retry is not mistaken for a duplicate.
        // The piece is listed as changed before it is written, so a start from the snapshot reads it again.
        await snapshots.ListChangedAsync([OrganizationIndex.PieceOf(entry.Uscc)]);
        await pieces.PutAsync(entry.Uscc, entry);
        Apply(entry);
    }

    public async Task UpsertManyAsync(IReadOnlyList<OrganizationIndexEntry> entries)
    {
        await EnsureLoadedAsync();
        var newest = new Dictionary<string, OrganizationIndexEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!(index.RevisionOf(entry.Uscc) >= entry.Revision) // none held, or an older one
                && (!newest.TryGetValue(entry.Uscc, out var other) || other.Revision < entry.Revision))
            {
                newest[entry.Uscc] = entry;
            }
        }

        if (newest.Count == 0)
        {
            return;
        }

        await snapshots.ListChangedAsync(newest.Keys.Select(uscc => OrganizationIndex.PieceOf(uscc)));
        try
        {
            await pieces.PutManyAsync(newest);
        }
        catch
        {
            // The pieces in memory now hold entries that may not be stored: this activation goes, and the next one
            // loads the pieces as stored. Memory searched (the partition) was not changed.
            DeactivateOnIdle();
            throw;
        }

        gate.EnterWriteLock();
        try
        {
            foreach (var entry in newest.Values)
            {
                index.Put(entry);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public async Task<OrganizationPage> SearchAsync(OrganizationQuery query)
    {
        await EnsureLoadedAsync();
        return index.Search(query);
    }

    public async Task<IReadOnlyList<string>> DueAsync(DateOnly today)
    {
        await EnsureLoadedAsync();
        return index.All
            .Where(entry => AnnualCycle.NextDeadline(entry, windows) is { } deadline && deadline <= today)
            .Select(entry => entry.Uscc)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public async Task<int> RebuildAsync()
    {
        await EnsureLoadedAsync();
        await BuildFromRecordsAsync(CancellationToken.None);
        return index.Count;
    }

    /// <summary>
    /// The partition's stored pieces in a layout of <paramref name="pieceCount"/> pieces. Each layout has ids of its own
    /// (the 512-piece layout, the first stored, keeps the plain piece type), so moving from one to another never
    /// overwrites a piece the older layout still needs.
    /// </summary>
    private StoredIndexPieces<OrganizationIndexEntry> PiecesOf(int pieceCount) =>
        new(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), StorageNames.OrganizationIndexPiece,
            OrganizationIndex.PieceTypeOf(pieceCount), this.GetPrimaryKeyLong(), pieceCount,
            uscc => OrganizationIndex.PieceOf(uscc, pieceCount), records);

    /// <summary>
    /// Moves the entries stored in an older layout (the checkpoint names its piece count) to the current one: reads
    /// the older pieces, writes every piece of the current layout (replacing what an interrupted move left there),
    /// then the checkpoint, then removes the older pieces and takes a snapshot. Interrupted before the checkpoint,
    /// the checkpoint still names the older layout, whose pieces are untouched, so the next activation moves again;
    /// after it, the older pieces left are removed by the next activation's background work. Reads no record.
    /// </summary>
    private async Task MoveFromLayoutAsync(int storedPieceCount)
    {
        var older = PiecesOf(storedPieceCount);
        var entries = await older.LoadAsync();
        await snapshots.ForgetAsync();
        await pieces.ReplaceAllAsync(entries);
        foreach (var (_, entry) in entries)
        {
            Apply(entry);
        }

        await StoreCheckpointAsync(index.Count);
        await RemoveOlderPiecesAsync();
        snapshotDue = true;
    }

    /// <summary>
    /// Reads this partition's share of the organization records, stores every piece from them and then the
    /// checkpoint. Interrupted, it leaves no checkpoint of the current layout, so the next activation builds again;
    /// entries already stored are simply replaced.
    /// </summary>
    private async Task BuildFromRecordsAsync(CancellationToken cancellationToken)
    {
        var partition = (int)this.GetPrimaryKeyLong();
        var built = new Dictionary<string, OrganizationIndexEntry>(StringComparer.Ordinal);
        void Keep(OrganizationIndexEntry entry)
        {
            if (!built.TryGetValue(entry.Uscc, out var other) || other.Revision < entry.Revision)
            {
                built[entry.Uscc] = entry;
            }
        }

        await foreach (var state in records.ReadAllAsync<OrganizationState>(StorageNames.Organization,
                           uscc => OrganizationIndex.PartitionOf(uscc) == partition, cancellationToken))
        {
            if (state.Uscc.Length > 0)
            {
                Keep(OrganizationViews.IndexEntry(state));
            }
        }

        // An upsert newer than the record read (none can interleave: the grain is not reentrant) is kept.
        foreach (var current in index.All)
        {
            Keep(current);
        }

        // The snapshot in use no longer holds what the pieces will: forgotten first, so a stop before the next one is
        // taken starts from every piece.
        await snapshots.ForgetAsync();
        await pieces.ReplaceAllAsync(built);
        gate.EnterWriteLock();
        try
        {
            index.Clear();
            foreach (var entry in built.Values)
            {
                index.Put(entry);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }

        await StoreCheckpointAsync(index.Count);
        snapshotDue = true;
    }

    private async Task StoreCheckpointAsync(int entries)
    {
        checkpoint.State.PieceCount = OrganizationIndex.PieceCount;
        checkpoint.State.BuiltAt = time.GetUtcNow();
        checkpoint.State.BuiltEntries = entries;
        await checkpoint.WriteStateAsync();
    }

    private void Apply(OrganizationIndexEntry entry)
    {
        gate.EnterWriteLock();
        try
        {
            index.Put(entry);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    private OrganizationPage ReadLocked(OrganizationQuery query)
    {
        gate.EnterReadLock();
        try
        {
            return index.Search(query);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }
}
