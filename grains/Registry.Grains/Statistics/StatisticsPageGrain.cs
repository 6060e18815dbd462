using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>One page of an office's month of period facts; see <see cref="IStatisticsPageGrain"/>.</summary>
[GrainType(StorageNames.StatisticsPage)]
public sealed class StatisticsPageGrain(
    [PersistentState(StorageNames.StatisticsPage, StorageNames.Provider)]
    IPersistentState<StatisticsPartitionState> state) : Grain, IStatisticsPageGrain
{
    // The day counters of the stored facts, kept in step with each write instead of recounted from every fact.
    private Dictionary<string, int[]>? days;
    private PartitionCounts? committed;

    private StatisticsPartitionState State => state.State;

    public async Task<PartitionCounts> ApplyAsync(IReadOnlyList<StatisticsFact> facts)
    {
        var counters = Days();
        var changes = new List<(PartitionFact? Old, PartitionFact New)>();
        foreach (var fact in facts)
        {
            var stored = new PartitionFact(fact.Figure, fact.Date.Day, fact.Count);
            var known = State.Facts.GetValueOrDefault(fact.Id);
            if (known == stored)
            {
                continue;
            }

            State.Facts[fact.Id] = stored;
            changes.Add((known, stored));
        }

        if (changes.Count == 0)
        {
            return Counts();
        }

        State.Revision++;
        try
        {
            await state.WriteAuditedAsync("statistics-facts", null);
        }
        catch
        {
            // The stored state was read back: the counters follow it again on the next call.
            days = null;
            committed = null;
            throw;
        }

        foreach (var (old, stored) in changes)
        {
            if (old is not null)
            {
                Add(counters, old, -1);
            }

            Add(counters, stored, 1);
        }

        committed = null;
        return Counts();
    }

    public Task<PartitionCounts> GetCountsAsync() => Task.FromResult(Counts());

    /// <summary>The counters of what is stored, as a message of its own (the live arrays change with the next
    /// write).</summary>
    private PartitionCounts Counts()
    {
        if (committed is not null)
        {
            return committed;
        }

        var (office, year, month) = StatisticsKeys.ParsePartition(
            StatisticsKeys.PartitionOfPage(this.GetPrimaryKeyString()));
        var copy = Days().ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        return committed = new PartitionCounts(office, year, month, State.Revision, copy);
    }

    private Dictionary<string, int[]> Days()
    {
        if (days is not null)
        {
            return days;
        }

        days = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var fact in State.Facts.Values)
        {
            Add(days, fact, 1);
        }

        return days;
    }

    private void Add(Dictionary<string, int[]> counters, PartitionFact fact, int sign)
    {
        if (!counters.TryGetValue(fact.Figure, out var counts))
        {
            var (_, year, month) = StatisticsKeys.ParsePartition(
                StatisticsKeys.PartitionOfPage(this.GetPrimaryKeyString()));
            counters[fact.Figure] = counts = new int[DateTime.DaysInMonth(year, month)];
        }

        counts[fact.Day - 1] += sign * fact.Count;
    }
}
