using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>
/// One office's month of period facts; see <see cref="IStatisticsPartitionGrain"/>. The facts live in
/// <see cref="StatisticsKeys.Pages"/> pages (<see cref="StatisticsPageGrain"/>), by record, so a registration stores
/// its record's page only instead of rewriting every fact of the office's month; this grain sums the pages' counters
/// and hands them to the province's roll-up.
/// </summary>
[GrainType(StorageNames.StatisticsPartition)]
public sealed class StatisticsPartitionGrain(
    [PersistentState(StorageNames.StatisticsPartition, StorageNames.Provider)]
    IPersistentState<StatisticsPartitionState> state,
    IGrainFactory grains) : Grain, IStatisticsPartitionGrain
{
    // The counters each page last answered (what it has stored), by page number.
    private readonly PartitionCounts?[] pages = new PartitionCounts?[StatisticsKeys.Pages];

    private PartitionCounts? committed;

    // The revision the roll-up last took (in memory: after a restart the first apply hands the counters over again).
    private long handedOver = -1;

    private StatisticsPartitionState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Facts.Count > 0)
        {
            await MoveFactsToPagesAsync();
        }

        var inUse = Enumerable.Range(0, StatisticsKeys.Pages).Where(page => (State.Pages & (1 << page)) != 0).ToList();
        var loaded = await Task.WhenAll(inUse.Select(page => Page(page).GetCountsAsync()));
        foreach (var (page, counts) in inUse.Zip(loaded))
        {
            pages[page] = counts;
        }
    }

    public async Task ApplyAsync(IReadOnlyList<StatisticsFact> facts)
    {
        var byPage = facts.GroupBy(fact => StatisticsKeys.Page(fact.Id)).ToList();

        // A page is marked in use before it is first written, so a restart reads back every page that holds facts.
        var fresh = byPage.Select(group => group.Key).Where(page => (State.Pages & (1 << page)) == 0).ToList();
        if (fresh.Count > 0)
        {
            foreach (var page in fresh)
            {
                State.Pages |= 1 << page;
            }

            State.Revision++;
            try
            {
                await state.WriteAuditedAsync("statistics-pages", null);
            }
            finally
            {
                committed = null;
            }
        }

        var applied = await Task.WhenAll(byPage.Select(async group =>
            (Page: group.Key, Counts: await Page(group.Key).ApplyAsync(group.ToList()))));
        foreach (var (page, counts) in applied)
        {
            if (pages[page] is not { } known || known.Revision < counts.Revision)
            {
                pages[page] = counts;
                committed = null;
            }
        }

        var sum = Counts();
        if (handedOver != sum.Revision)
        {
            var (office, year, _) = StatisticsKeys.ParsePartition(Key);
            await grains.Get<IStatisticsRollupGrain>(StatisticsKeys.Rollup(StatisticsKeys.Province(office), year))
                .ApplyAsync(sum);
            handedOver = sum.Revision;
        }
    }

    public Task<PartitionCounts> GetCountsAsync() => Task.FromResult(Counts());

    /// <summary>
    /// The day counters of what the pages have stored, summed (each page answers its counters with its write, so
    /// never more than is stored). The revision grows with every write of this partition or a page of it, so a
    /// roll-up keeps the newest it has seen.
    /// </summary>
    private PartitionCounts Counts()
    {
        if (committed is not null)
        {
            return committed;
        }

        var (office, year, month) = StatisticsKeys.ParsePartition(Key);
        var days = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var revision = State.Revision;
        foreach (var page in pages)
        {
            if (page is null)
            {
                continue;
            }

            revision += page.Revision;
            foreach (var (figure, counts) in page.Days)
            {
                if (!days.TryGetValue(figure, out var sums))
                {
                    days[figure] = sums = new int[counts.Length];
                }

                for (var day = 0; day < counts.Length; day++)
                {
                    sums[day] += counts[day];
                }
            }
        }

        return committed = new PartitionCounts(office, year, month, revision, days);
    }

    /// <summary>
    /// Moves the facts a build before the pages stored in this partition's own state to their pages, then clears
    /// them here. Safe to repeat: the pages are marked first and upsert by fact id, so a move cut short by a crash is
    /// completed by the next activation, and the counters are only ever the pages'.
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

        State.Revision++;
        await state.WriteAuditedAsync("statistics-pages", null);
        await Task.WhenAll(byPage.Select(group => Page(group.Page).ApplyAsync(group.Facts)));
        State.Facts.Clear();
        State.Revision++;
        await state.WriteAuditedAsync("statistics-pages", null);
    }

    private IStatisticsPageGrain Page(int page) =>
        grains.Get<IStatisticsPageGrain>(StatisticsKeys.PageKey(Key, page));
}
