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
/// intersects posting lists instead of visiting every entry. Activation reads the checkpoint and the pieces, never
/// the organization records; a partition whose checkpoint names an older piece count moves its stored entries to the
/// current layout once, and only a partition without a checkpoint (a data directory written before the index kept
/// its own state, or a fresh one) builds its pieces from the records once, and
/// <see cref="RebuildAsync"/> does so on request. Organization grains upsert their entry after each committed write
/// (and the outbox relay until they have); revisions make upserts idempotent and order-proof. Kept active so a
/// partition is not reloaded after idle periods. Once loaded it is also readable by searches in its own silo without
/// a grain call (<see cref="LocalOrganizationPartitions"/>).
/// </summary>
[GrainType(StorageNames.OrganizationIndexGrainType)]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class OrganizationIndexGrain(
    [PersistentState(StorageNames.OrganizationIndex, StorageNames.Provider)]
    IPersistentState<OrganizationIndexState> checkpoint,
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

    private LocalOrganizationPartitions.Reader? reader;
    private IGrainTimer? armRetry;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = checkpoint.State.PieceCount;
        pieces = PiecesOf(OrganizationIndex.PieceCount);
        if (stored == OrganizationIndex.PieceCount)
        {
            foreach (var (_, entry) in await pieces.LoadAsync())
            {
                Apply(entry);
            }
        }
        else if (stored != 0)
        {
            logger.LogInformation("Organization index partition {Partition} is stored in {Stored} pieces; moving its entries to the current {Current}",
                this.GetPrimaryKeyLong(), stored, OrganizationIndex.PieceCount);
            await MoveFromLayoutAsync(stored);
        }
        else if (records.CanScan)
        {
            logger.LogInformation("Organization index partition {Partition} has no stored pieces; building them from the records once",
                this.GetPrimaryKeyLong());
            await BuildFromRecordsAsync(cancellationToken);
        }
        else
        {
            // Storage without scans and no checkpoint: nothing was ever stored, an empty partition is the truth.
            await StoreCheckpointAsync(0);
        }

        reader = ReadLocked;
        local.Register((int)this.GetPrimaryKeyLong(), reader);
        await ArmDeadlineSweepAsync();
    }

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

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reader is not null)
        {
            local.Unregister((int)this.GetPrimaryKeyLong(), reader);
        }

        return Task.CompletedTask;
    }

    public async Task UpsertAsync(OrganizationIndexEntry entry)
    {
        if (index.RevisionOf(entry.Uscc) >= entry.Revision)
        {
            return;
        }

        // Stored first: if the write fails, memory is unchanged and the sender's retry is not mistaken for a duplicate.
        await pieces.PutAsync(entry.Uscc, entry);
        Apply(entry);
    }

    public async Task UpsertManyAsync(IReadOnlyList<OrganizationIndexEntry> entries)
    {
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

    public Task<OrganizationPage> SearchAsync(OrganizationQuery query) => Task.FromResult(index.Search(query));

    public Task<IReadOnlyList<string>> DueAsync(DateOnly today) =>
        Task.FromResult<IReadOnlyList<string>>(index.All
            .Where(entry => AnnualCycle.NextDeadline(entry, windows) is { } deadline && deadline <= today)
            .Select(entry => entry.Uscc)
            .Order(StringComparer.Ordinal)
            .ToList());

    public async Task<int> RebuildAsync()
    {
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
    /// then the checkpoint. Interrupted, the checkpoint still names the older layout, whose pieces are untouched, so
    /// the next activation moves again. Reads no record, so it works on storage without scans (Azure Table) too. The
    /// older pieces are left in storage.
    /// </summary>
    private async Task MoveFromLayoutAsync(int storedPieceCount)
    {
        var entries = await PiecesOf(storedPieceCount).LoadAsync();
        await pieces.ReplaceAllAsync(entries);
        foreach (var (_, entry) in entries)
        {
            Apply(entry);
        }

        await StoreCheckpointAsync(index.Count);
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
