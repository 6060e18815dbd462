using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Abstractions.Text;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>
/// A province's year of day counters; see <see cref="IStatisticsRollupGrain"/>. It stores each office-month's
/// counters itself, in <see cref="PieceCount"/> pieces by partition key (<see cref="StoredIndexPieces{TDoc}"/>), so a
/// partition's hand-over rewrites one piece and activation reads the pieces only: never a partition, never a fact.
/// A roll-up stored by the build before (only its partitions' keys) asks those partitions once and stores their
/// counters.
/// </summary>
[GrainType(StorageNames.StatisticsRollup)]
public sealed class StatisticsRollupGrain(
    [PersistentState(StorageNames.StatisticsRollup, StorageNames.Provider)]
    IPersistentState<StatisticsRollupState> checkpoint,
    IServiceProvider services,
    IGrainFactory grains) : Grain, IStatisticsRollupGrain
{
    /// <summary>Pieces a roll-up's counters are stored in: a province's busiest year (about 150 offices, 12 months)
    /// puts some 60 office-months in each, so one hand-over rewrites tens of kilobytes.</summary>
    public const int PieceCount = 32;

    private readonly RollupCounters counters = new();
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

            return;
        }

        // The build before: its partitions' counters asked once (each partition counts its pages once if it has not
        // stored counters of its own either), then stored here.
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
        await checkpoint.WriteAuditedAsync("statistics-rollup-pieces", null);
    }

    public async Task ApplyAsync(PartitionCounts partition)
    {
        if (!counters.IsNewer(partition))
        {
            return;
        }

        if (counters.Count == 0)
        {
            await grains.Get<IStatisticsDirectoryGrain>(0).AddRollupAsync(this.GetPrimaryKeyString());
        }

        // Stored first: if the write fails, memory is unchanged and the partition's retry is not taken for a repeat.
        await pieces.PutAsync(RollupCounters.KeyOf(partition), partition);
        counters.Take(partition);
    }

    public Task<OfficeFigures> SumAsync(DateOnly from, DateOnly to) => Task.FromResult(counters.Sum(from, to));
}
