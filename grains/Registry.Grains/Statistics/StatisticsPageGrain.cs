using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>
/// One page of an office's month of period facts; see <see cref="IStatisticsPageGrain"/>. A fact whose count is 0
/// adds nothing to any counter, so the page does not keep it: one arriving for an id it does not hold changes nothing
/// (no write), and one arriving for an id it holds removes that fact. Records send such facts so that a count made
/// earlier can be withdrawn (a report year no longer due, a due report not inspected yet); kept, they made up a
/// quarter to a half of an organization's facts in the pages every later publication of the month rewrites.
/// </summary>
[GrainType(StorageNames.StatisticsPage)]
public sealed class StatisticsPageGrain(
    [PersistentState(StorageNames.StatisticsPage, StorageNames.Provider)]
    IPersistentState<StatisticsPartitionState> state) : Grain, IStatisticsPageGrain
{
    private static readonly IReadOnlyDictionary<string, int[]> Nothing = new Dictionary<string, int[]>();

    private StatisticsPartitionState State => state.State;

    public async Task<PageChange> ApplyAsync(IReadOnlyList<StatisticsFact> facts)
    {
        var before = State.Revision;
        var days = DaysInMonth();
        var delta = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var changed = false;
        foreach (var fact in facts)
        {
            // A fact counting 0 counts as an absent one: it is not kept (see the class summary).
            var stored = new PartitionFact(fact.Figure, fact.Date.Day, fact.Count);
            changed |= PartitionPages.ApplyFact(State, fact.Id, stored, days, () => delta);
        }

        if (!changed)
        {
            return new PageChange(before, before, Nothing);
        }

        State.Revision++;
        // Memory is ahead of what is stored: should the write fail, the next call reads the stored state again.
        await state.WriteOrLetGoAsync(DeactivateOnIdle);

        return new PageChange(before, State.Revision, delta);
    }

    public Task<PartitionCounts> GetCountsAsync() => Task.FromResult(CountsOf(this.GetPrimaryKeyString(), State));

    /// <summary>The day counters of page <paramref name="pageKey"/> holding <paramref name="page"/>, with its
    /// revision: what the page answers, and what its partition counts from the page as stored.</summary>
    public static PartitionCounts CountsOf(string pageKey, StatisticsPartitionState page)
    {
        var (office, year, month) = StatisticsKeys.ParsePartition(StatisticsKeys.PartitionOfPage(pageKey));
        var counters = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var days = DateTime.DaysInMonth(year, month);
        foreach (var fact in page.Facts.Values)
        {
            DayCounters.Add(counters, fact.Figure, fact.Day, fact.Count, days);
        }

        return new PartitionCounts(office, year, month, page.Revision, counters);
    }

    private int DaysInMonth()
    {
        var (_, year, month) = StatisticsKeys.ParsePartition(
            StatisticsKeys.PartitionOfPage(this.GetPrimaryKeyString()));
        return DateTime.DaysInMonth(year, month);
    }
}
