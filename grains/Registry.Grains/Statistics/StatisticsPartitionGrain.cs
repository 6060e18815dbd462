using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>One office's month of period facts; see <see cref="IStatisticsPartitionGrain"/>.</summary>
[GrainType(StorageNames.StatisticsPartition)]
public sealed class StatisticsPartitionGrain(
    [PersistentState(StorageNames.StatisticsPartition, StorageNames.Provider)]
    IPersistentState<StatisticsPartitionState> state,
    IGrainFactory grains) : Grain, IStatisticsPartitionGrain
{
    private PartitionCounts? committed;

    // The revision the roll-up last took (in memory: after a restart the first apply hands the counters over again).
    private long handedOver = -1;

    private StatisticsPartitionState State => state.State;

    public async Task ApplyAsync(IReadOnlyList<StatisticsFact> facts)
    {
        // The counters of what is stored, taken before the change: what GetCountsAsync answers during the write.
        Counts();
        var changed = false;
        foreach (var fact in facts)
        {
            var stored = new PartitionFact(fact.Figure, fact.Date.Day, fact.Count);
            if (State.Facts.TryGetValue(fact.Id, out var known) && known == stored)
            {
                continue;
            }

            State.Facts[fact.Id] = stored;
            changed = true;
        }

        if (changed)
        {
            State.Revision++;
            try
            {
                await state.WriteAuditedAsync("statistics-facts", null);
            }
            finally
            {
                committed = null;
            }
        }

        var counts = Counts();
        if (handedOver != counts.Revision)
        {
            var (office, year, _) = StatisticsKeys.ParsePartition(this.GetPrimaryKeyString());
            await grains.Get<IStatisticsRollupGrain>(StatisticsKeys.Rollup(StatisticsKeys.Province(office), year))
                .ApplyAsync(counts);
            handedOver = counts.Revision;
        }
    }

    public Task<PartitionCounts> GetCountsAsync() => Task.FromResult(Counts());

    /// <summary>The day counters of what is stored (after a failed write the state is reloaded, so never more).</summary>
    private PartitionCounts Counts()
    {
        if (committed is not null)
        {
            return committed;
        }

        var (office, year, month) = StatisticsKeys.ParsePartition(this.GetPrimaryKeyString());
        var days = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var fact in State.Facts.Values)
        {
            if (!days.TryGetValue(fact.Figure, out var counts))
            {
                days[fact.Figure] = counts = new int[DateTime.DaysInMonth(year, month)];
            }

            counts[fact.Day - 1] += fact.Count;
        }

        return committed = new PartitionCounts(office, year, month, State.Revision, days);
    }
}
