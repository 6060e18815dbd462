using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>A province's year of day counters; see <see cref="IStatisticsRollupGrain"/>.</summary>
[GrainType(StorageNames.StatisticsRollup)]
public sealed class StatisticsRollupGrain(
    [PersistentState(StorageNames.StatisticsRollup, StorageNames.Provider)]
    IPersistentState<StatisticsRollupState> state,
    IGrainFactory grains) : Grain, IStatisticsRollupGrain
{
    private readonly Dictionary<string, PartitionCounts> counts = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The counters are the partitions' (their own persisted state): read back, never recounted from records.
        var loaded = await Task.WhenAll(state.State.Partitions.Select(key =>
            grains.Get<IStatisticsPartitionGrain>(key).GetCountsAsync()));
        foreach (var partition in loaded)
        {
            counts[KeyOf(partition)] = partition;
        }
    }

    public async Task ApplyAsync(PartitionCounts partition)
    {
        var key = KeyOf(partition);
        if (!state.State.Partitions.Contains(key))
        {
            if (state.State.Partitions.Count == 0)
            {
                await grains.Get<IStatisticsDirectoryGrain>(0).AddRollupAsync(this.GetPrimaryKeyString());
            }

            state.State.Partitions.Add(key);
            await state.WriteAuditedAsync("statistics-partition", key);
        }

        if (!counts.TryGetValue(key, out var known) || known.Revision <= partition.Revision)
        {
            counts[key] = partition;
        }
    }

    public Task<OfficeFigures> SumAsync(DateOnly from, DateOnly to)
    {
        var sums = new OfficeFigures();
        foreach (var partition in counts.Values)
        {
            var first = new DateOnly(partition.Year, partition.Month, 1);
            var last = first.AddMonths(1).AddDays(-1);
            if (last < from || first > to)
            {
                continue;
            }

            var start = (from > first ? from.Day : 1) - 1;
            var end = (to < last ? to.Day : last.Day) - 1;
            foreach (var (figure, days) in partition.Days)
            {
                var sum = 0L;
                for (var day = start; day <= end; day++)
                {
                    sum += days[day];
                }

                if (sum != 0)
                {
                    sums.Add(partition.Office, figure, sum);
                }
            }
        }

        return Task.FromResult(sums);
    }

    private static string KeyOf(PartitionCounts partition) =>
        StatisticsKeys.Partition(partition.Office, new DateOnly(partition.Year, partition.Month, 1));
}
