using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Abstractions.Text;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>
/// A province's year of day counters; see <see cref="IStatisticsRollupGrain"/>. It stores each office-month's
/// counters itself, in <see cref="PieceCount"/> pieces by partition key (<see cref="StoredIndexPieces{TDoc}"/>), so
/// activation reads the pieces only: never a partition, never a fact. A roll-up stored by the build before (only its
/// partitions' keys) asks those partitions once and stores their counters.
/// </summary>
/// <remarks>
/// Hand-overs are taken in memory and stored in batches, not one write each: an office-month new to the roll-up is
/// stored at once (so its key is known to a recovery), later counters of a known one are held as pending and stored
/// with the others every <see cref="FlushEvery"/> hand-overs and when the roll-up is deactivated. The checkpoint's
/// <see cref="StatisticsRollupState.Unstored"/> names every office-month whose counters may be held here and not
/// stored: one is added (and the checkpoint written) before the roll-up first holds unstored counters of an
/// office-month it does not name. A batch stored in the course of hand-overs leaves the set naming the office-months
/// of that batch, not empty: they are the ones busy now, so the next batch holds their counters without a write of
/// the checkpoint (at a steady load the set stays the same and the checkpoint is not written at all; it is written
/// when the busy office-months change, such as at a month's start). A deactivation and a recovery empty it. An
/// activation that finds it non-empty (the process stopped, or the roll-up was stored mid-load) asks those
/// office-months, and only those, for their counters, which each partition counts from its stored pages, and stores
/// what was newer: a recovery costs at most the office-months of one stored batch and of the one after it (each at
/// most <see cref="FlushEvery"/>), never the province's year. The window before a hand-over (a page written, the
/// partition not yet handed over) is the record's: its outbox row publishes it again after a restart, and the
/// partition hands over on its first apply.
/// </remarks>
[GrainType(StorageNames.StatisticsRollup)]
public sealed class StatisticsRollupGrain(
    [PersistentState(StorageNames.StatisticsRollup, StorageNames.Provider)]
    IPersistentState<StatisticsRollupState> checkpoint,
    IServiceProvider services,
    IGrainFactory grains,
    ILogger<StatisticsRollupGrain> logger) : Grain, IStatisticsRollupGrain
{
    /// <summary>Pieces a roll-up's counters are stored in: a province's busiest year (about 150 offices, 12 months)
    /// puts some 60 office-months in each, so one hand-over rewrites tens of kilobytes.</summary>
    public const int PieceCount = 32;

    /// <summary>Hand-overs taken in memory before they are stored as one batch.</summary>
    public const int FlushEvery = 256;

    private readonly RollupCounters counters = new();

    // Names this activation in the version (its change count starts again at 0 with the next activation).
    private readonly Guid epoch = Guid.NewGuid();

    // The newest counters of office-months not stored since they were taken. Which office-months are held (each
    // stored at least once: one new to the roll-up is stored before it is taken) is the counters' own keys.
    private readonly Dictionary<string, PartitionCounts> pending = new(StringComparer.Ordinal);
    private int takenSinceFlush;
    private StoredIndexPieces<PartitionCounts> pieces = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        pieces = new StoredIndexPieces<PartitionCounts>(
            services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), StorageNames.StatisticsRollupPiece,
            StorageNames.StatisticsRollupPiece, this.GetPrimaryKeyString(), PieceCount,
            key => PartitionHash.Partition(key, PieceCount), services.GetRequiredService<IStoredRecords>());
        if (checkpoint.State.PieceCount == PieceCount)
        {
            foreach (var (_, counts) in await pieces.LoadAsync())
            {
                counters.Take(counts);
            }

            if (checkpoint.State.Unflushed)
            {
                // Marked by the build before, which did not say which office-months: all of them, once.
                await CatchUpAsync(counters.Keys.ToList());
            }
            else if (checkpoint.State.Unstored.Count > 0)
            {
                await CatchUpAsync(checkpoint.State.Unstored.ToList());
            }

            return;
        }

        // The build before: its partitions' counters asked once (each partition counts its pages), then stored here.
        var loaded = await Task.WhenAll(checkpoint.State.Partitions.Select(key =>
            grains.Get<IStatisticsPartitionGrain>(key).GetCountsAsync()));
        foreach (var counts in loaded)
        {
            counters.Take(counts);
        }

        await pieces.ReplaceAllAsync(loaded.Select(counts =>
            KeyValuePair.Create(RollupCounters.KeyOf(counts), counts)));
        checkpoint.State.PieceCount = PieceCount;
        checkpoint.State.Partitions.Clear();
        await checkpoint.WriteOrReloadAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(keepBusy: false);
        }
        catch (Exception error)
        {
            // The checkpoint stays marked: the next activation asks the partitions (see remarks).
            logger.LogWarning(error, "Statistics roll-up {Rollup} not stored at deactivation; recovered on activation",
                this.GetPrimaryKeyString());
        }
    }

    public async Task ApplyAsync(PartitionCounts partition)
    {
        if (!counters.IsNewer(partition))
        {
            return;
        }

        var key = RollupCounters.KeyOf(partition);
        try
        {
            if (!counters.Holds(key))
            {
                if (counters.Count == 0)
                {
                    await grains.Get<IStatisticsDirectoryGrain>(0).AddRollupAsync(this.GetPrimaryKeyString());
                }

                // Stored first, so that a recovery knows to ask this office-month.
                await pieces.PutAsync(key, partition);
                pending.Remove(key);
            }
            else
            {
                if (!checkpoint.State.Unstored.Contains(key))
                {
                    // Named before it is held unstored, so that a recovery asks this office-month (see remarks);
                    // an office-month of the batch stored last is named already and costs no write.
                    checkpoint.State.Unstored.Add(key);
                    await checkpoint.WriteOrReloadAsync();
                }

                pending[key] = partition;
                if (++takenSinceFlush >= FlushEvery)
                {
                    // Taken first: stored with the batch, or, if the batch fails, recovered from the partitions.
                    counters.Take(partition);
                    await FlushAsync(keepBusy: true);
                    return;
                }
            }
        }
        catch
        {
            // Memory may be ahead of what is stored: the next call reads the pieces (and recovers) again.
            DeactivateOnIdle();
            throw;
        }

        counters.Take(partition);
    }

    public Task<OfficeFigures> SumAsync(DateOnly from, DateOnly to) => Task.FromResult(counters.Sum(from, to));

    public Task<StatisticsVersion> VersionAsync() => Task.FromResult(new StatisticsVersion(epoch, counters.Changes));

    /// <summary>Stores the pending counters in one batch, then leaves the checkpoint naming the office-months of that
    /// batch (<paramref name="keepBusy"/>: the next batch is likely to hold them again) or none; it is written only
    /// when that changes what it names.</summary>
    private async Task FlushAsync(bool keepBusy)
    {
        var busy = keepBusy ? pending.Keys.ToHashSet(StringComparer.Ordinal) : [];
        if (pending.Count > 0)
        {
            await pieces.PutManyAsync(pending);
            pending.Clear();
        }

        takenSinceFlush = 0;

        // Every office-month named after the write was named before it (only held ones are pending) or has nothing
        // unstored: a write that fails leaves the checkpoint as it was, naming more, never less, than is unstored.
        if (checkpoint.State.Unflushed || !checkpoint.State.Unstored.SetEquals(busy))
        {
            checkpoint.State.Unflushed = false;
            checkpoint.State.Unstored = busy;
            await checkpoint.WriteOrReloadAsync();
        }
    }

    /// <summary>
    /// After a stop with hand-overs not stored: the office-months named (those the checkpoint lists as not stored)
    /// are asked for their counters (counted from their pages by a new activation), the newer ones taken and stored,
    /// and the checkpoint's set emptied.
    /// </summary>
    private async Task CatchUpAsync(IReadOnlyList<string> keys)
    {
        var asked = await Task.WhenAll(keys.Select(key =>
            grains.Get<IStatisticsPartitionGrain>(key).GetCountsAsync()));
        foreach (var counts in asked)
        {
            if (counters.Take(counts))
            {
                pending[RollupCounters.KeyOf(counts)] = counts;
            }
        }

        await FlushAsync(keepBusy: false);
    }
}
