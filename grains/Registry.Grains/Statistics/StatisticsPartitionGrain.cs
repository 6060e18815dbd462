using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>
/// One office's month of period facts; see <see cref="IStatisticsPartitionGrain"/>. The facts live in
/// <see cref="StatisticsKeys.Pages"/> pages (<see cref="StatisticsPageGrain"/>), by record, so a registration stores
/// its record's page only instead of rewriting every fact of the office's month. This grain stores its own day
/// counters beside them, moved by each page's change (<see cref="PartitionCounters"/>), so activating it and reading
/// its counters never reads a page; it counts its pages again only when its counters were never stored (a data
/// directory of the build before) or a page's change does not follow what they include (a write lost in between).
/// </summary>
[GrainType(StorageNames.StatisticsPartition)]
public sealed class StatisticsPartitionGrain(
    [PersistentState(StorageNames.StatisticsPartition, StorageNames.Provider)]
    IPersistentState<StatisticsPartitionState> state,
    IGrainFactory grains) : Grain, IStatisticsPartitionGrain
{
    // The counters as last stored, as a message of their own (the state's arrays change with the next apply).
    private PartitionCounts committed = null!;

    // The revision the roll-up last took (in memory: after a restart the first apply hands the counters over again,
    // and the roll-up skips a revision it holds).
    private long handedOver = -1;

    private StatisticsPartitionState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Facts.Count > 0)
        {
            await MoveFactsToPagesAsync();
        }

        if (State.Pages == 0)
        {
            // Nothing stored yet: no counters to count.
            State.Counters ??= new Dictionary<string, int[]>(StringComparer.Ordinal);
            State.PageRevisions ??= [];
        }
        else if (State.Counters is null || State.PageRevisions is null)
        {
            await CountPagesAsync();
        }

        committed = Snapshot();
    }

    public async Task ApplyAsync(IReadOnlyList<StatisticsFact> facts)
    {
        var byPage = facts.GroupBy(fact => StatisticsKeys.Page(fact.Id)).ToList();

        // A page is marked in use before it is first written, so a repair counts every page that holds facts.
        var fresh = byPage.Select(group => group.Key).Where(page => (State.Pages & (1 << page)) == 0).ToList();
        if (fresh.Count > 0)
        {
            foreach (var page in fresh)
            {
                State.Pages |= 1 << page;
            }

            State.Revision++;
            await WriteAsync("statistics-pages");
        }

        var applied = await Task.WhenAll(byPage.Select(async group =>
            (Page: group.Key, Change: await Page(group.Key).ApplyAsync(group.ToList()))));
        var counters = new PartitionCounters(State.Counters!, State.PageRevisions!);
        var outcomes = applied.Select(pair => counters.Apply(pair.Page, pair.Change)).ToList();
        if (outcomes.Contains(PartitionCounters.Outcome.OutOfStep))
        {
            await CountPagesAsync();
        }
        else if (outcomes.Contains(PartitionCounters.Outcome.Added))
        {
            State.Revision++;
            await WriteAsync("statistics-counters");
        }

        committed = Snapshot();
        if (handedOver != committed.Revision)
        {
            var (office, year, _) = StatisticsKeys.ParsePartition(Key);
            await grains.Get<IStatisticsRollupGrain>(StatisticsKeys.Rollup(StatisticsKeys.Province(office), year))
                .ApplyAsync(committed);
            handedOver = committed.Revision;
        }
    }

    public Task<PartitionCounts> GetCountsAsync() => Task.FromResult(committed);

    /// <summary>The stored counters, copied. The revision grows with every write of this partition, so a roll-up
    /// keeps the newest it has seen.</summary>
    private PartitionCounts Snapshot()
    {
        var (office, year, month) = StatisticsKeys.ParsePartition(Key);
        return new PartitionCounts(office, year, month, State.Revision, DayCounters.Copy(State.Counters!));
    }

    /// <summary>
    /// Counts the facts of every page in use and stores the sum as this partition's counters: the first derivation
    /// for a partition stored without them, and the repair when a page's change does not follow them.
    /// </summary>
    private async Task CountPagesAsync()
    {
        var inUse = Enumerable.Range(0, StatisticsKeys.Pages).Where(page => (State.Pages & (1 << page)) != 0).ToList();
        var loaded = await Task.WhenAll(inUse.Select(page => Page(page).GetCountsAsync()));
        State.Counters ??= new Dictionary<string, int[]>(StringComparer.Ordinal);
        State.PageRevisions ??= [];
        new PartitionCounters(State.Counters, State.PageRevisions).Rebuild(inUse.Zip(loaded));

        // Above every revision the build before handed over (its own writes plus its pages'), so a roll-up holding
        // one of those takes these counters.
        State.Revision += 1 + loaded.Sum(counts => counts.Revision);
        await WriteAsync("statistics-counters");
    }

    private async Task WriteAsync(string operation)
    {
        try
        {
            await state.WriteAuditedAsync(operation, null);
        }
        catch
        {
            // Memory is ahead of what is stored: the next call reads the stored state again.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Moves the facts a build before the pages stored in this partition's own state to their pages, then clears
    /// them here. Safe to repeat: the pages are marked first and upsert by fact id, so a move cut short by a crash is
    /// completed by the next activation; the counters are then counted from the pages.
    /// </summary>
    private async Task MoveFactsToPagesAsync()
    {
        var (office, year, month) = StatisticsKeys.ParsePartition(Key);
        var byPage = State.Facts
            .GroupBy(pair => StatisticsKeys.Page(pair.Key))
            .Select(group => (Page: group.Key, Facts: group
                .Select(pair => new StatisticsFact(pair.Key, pair.Value.Figure, office,
                    new DateOnly(year, month, pair.Value.Day), pair.Value.Count))
                .ToList()))
            .ToList();
        foreach (var (page, _) in byPage)
        {
            State.Pages |= 1 << page;
        }

        State.Counters = null;
        State.PageRevisions = null;
        State.Revision++;
        await WriteAsync("statistics-pages");
        await Task.WhenAll(byPage.Select(group => Page(group.Page).ApplyAsync(group.Facts)));
        State.Facts.Clear();
        State.Revision++;
        await WriteAsync("statistics-pages");
    }

    private IStatisticsPageGrain Page(int page) =>
        grains.Get<IStatisticsPageGrain>(StatisticsKeys.PageKey(Key, page));
}
