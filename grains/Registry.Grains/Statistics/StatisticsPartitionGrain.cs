using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>
/// One office's month of period facts; see <see cref="IStatisticsPartitionGrain"/>. The facts live in
/// <see cref="StatisticsKeys.Pages"/> pages (<see cref="StatisticsPageGrain"/>), by record, so a registration stores
/// its record's page only instead of rewriting every fact of the office's month. This grain's day counters are not
/// stored: they are counted from its pages when it is activated and then moved in memory by each page's change
/// (<see cref="PartitionCounters"/>), so a publication costs the page's write and no write of this grain's; they are
/// counted from the pages again when a page's change does not follow what they include (a change lost in between).
/// Their revision is this grain's own write count plus the revisions of the pages they include: both only grow, and
/// a new activation counts what its pages hold, so a later hand-over never carries a lower revision than an earlier
/// one (also across a restart, and above what a build before handed over, which was this grain's write count alone).
/// </summary>
/// <remarks>
/// Why every page in use is read at activation (and not on demand): the counters are not stored, and a change whose
/// page was written but whose hand-over was lost (the process died in between) is found only there. The record's
/// outbox publishes it again, the page answers it as already stored (no delta), and only counters counted from the
/// pages include it; so the first hand-over of an activation must be counted from the pages. Every activation is
/// caused by a call that needs the counters (an apply hands them over, the roll-up's recovery asks for them), so
/// counting later would read the same pages on the same call. Reading fewer would need the per-page revisions the
/// counters were built from kept somewhere else (the roll-up's copy), a protocol change not made here.
/// <para>
/// Which pages are in use: where the storage reads a key range (<see cref="IStoredRecords.ReadPrefixAsync{T}"/>, the
/// SQLite and PostgreSQL stores), the activation reads every stored page of the month in one query and counts them
/// from what it read, so a page written for the first time needs no mark in this grain's state (that write was one
/// more per new page: up to 16 per office-month, most of an archive import's statistics writes) and no page grain is
/// activated to be counted. Where it cannot (the official Azure Table provider), a page is marked in use
/// (<see cref="StatisticsPartitionState.Pages"/>) before it is first written, and the marked pages are asked, as
/// before; marks written earlier are honoured either way.
/// </para>
/// <para>
/// Who writes the pages: where the activation read them by key range it holds them (<see cref="PartitionPages"/>)
/// and writes them itself, every page a batch changed at once, instead of asking each page's grain (a grain call and,
/// after an idle spell, an activation reading the page again, per page and batch). It is then their only writer, so
/// each page's change follows the counters by construction. It also places a record new to the month: on the page
/// its key hashes to while that page keeps fewer than <see cref="PartitionPages.RecordsPerPage"/> records, else on
/// the open overflow page, so a page no longer grows with its month and a filing rewrites a bounded page. A failed
/// page write fails the batch (its callers' outbox rows publish again) and the next batch reads the pages back from
/// storage first. Where the storage cannot read by key range, each page's grain applies its facts as before, on the
/// page the record's key hashes to.
/// </para>
/// <para>
/// Calls that arrive while a batch is being applied are applied together in the next (<see cref="ApplyAsync"/>): the
/// grain is reentrant so that they can arrive at all. Every record of an office's month publishes here, so one
/// page write and one roll-up hand-over per call made this grain the queue of a busy office: each registration waited
/// for every one before it. A batch is applied exactly as one call with all its facts was (the pages upsert by fact
/// id, in arrival order), and each caller's call completes when the batch holding its facts is applied, or fails
/// with it. <see cref="GetCountsAsync"/> reads the last committed counters and interleaves harmlessly.
/// </para>
/// </remarks>
[GrainType(StorageNames.StatisticsPartition)]
[Reentrant]
public sealed class StatisticsPartitionGrain(
    [PersistentState(StorageNames.StatisticsPartition, StorageNames.Provider)]
    IPersistentState<StatisticsPartitionState> state,
    IGrainFactory grains,
    IStoredRecords records,
    [FromKeyedServices(StorageNames.Provider)] IGrainStorage storage) : Grain, IStatisticsPartitionGrain
{
    private readonly Dictionary<string, int[]> counters = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> pageRevisions = [];

    // The counters as of the last change, as a message of their own (the dictionaries above change with the next).
    private PartitionCounts committed = null!;

    // The pages that may hold facts: those marked, those the activation found stored, those written since.
    private int inUse;

    // Where the activation found the stored pages by a key-range read: the pages, held and written by this grain (a
    // page written later is found by the next activation without a mark; see remarks), and the ETag of each stored.
    private PartitionPages? pages;
    private readonly Dictionary<int, string?> pageETags = [];

    // Whether a page write failed, leaving the pages in memory ahead of storage: the next batch reads them again.
    private bool pagesStale;

    // The revision the roll-up last took (in memory: after a restart the first apply hands the counters over again,
    // and the roll-up skips a revision it holds).
    private long handedOver = -1;

    // Facts of the calls that arrived while a batch was being applied, and the completion those calls wait for.
    private readonly List<StatisticsFact> queued = [];
    private TaskCompletionSource? queuedApplied;
    private bool applying;

    private StatisticsPartitionState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Facts.Count > 0)
        {
            await MoveFactsToPagesAsync();
        }

        await CountStoredPagesAsync();
        committed = Snapshot();
    }

    public Task ApplyAsync(IReadOnlyList<StatisticsFact> facts)
    {
        queued.AddRange(facts);
        queuedApplied ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var applied = queuedApplied.Task;
        if (!applying)
        {
            applying = true;
            _ = ApplyQueuedAsync();
        }

        return applied;
    }

    public async Task ApplyBulkAsync(IReadOnlyList<StatisticsFact> facts)
    {
        await ApplyAsync(facts);
        DeactivateOnIdle();
    }

    /// <summary>Applies the queued facts, batch after batch, until none are left (on this grain's scheduler: no two
    /// batches at once).</summary>
    private async Task ApplyQueuedAsync()
    {
        try
        {
            while (queued.Count > 0)
            {
                var batch = queued.ToList();
                var done = queuedApplied!;
                queued.Clear();
                queuedApplied = null;
                try
                {
                    await ApplyBatchAsync(batch);
                    done.SetResult();
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }
        }
        finally
        {
            applying = false;
        }
    }

    private async Task ApplyBatchAsync(IReadOnlyList<StatisticsFact> facts)
    {
        if (pages is not null)
        {
            await ApplyToHeldPagesAsync(facts);
        }
        else
        {
            await ApplyThroughPageGrainsAsync(facts);
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

    /// <summary>
    /// Where the pages are held here (see remarks): the facts applied to them in memory, every page changed written
    /// (at once, one commit of the storage's group), then the counters moved by each page's change. A failed write
    /// fails the batch and has the next read the pages again.
    /// </summary>
    private async Task ApplyToHeldPagesAsync(IReadOnlyList<StatisticsFact> facts)
    {
        if (pagesStale)
        {
            await CountStoredPagesAsync();
            pagesStale = false;
        }

        var changes = pages!.Apply(facts);
        try
        {
            await Task.WhenAll(changes.Select(change => WritePageAsync(change.Page)));
        }
        catch
        {
            pagesStale = true;
            throw;
        }

        var partition = new PartitionCounters(counters, pageRevisions);
        if (changes.Select(change => partition.Apply(change.Page, change.Change)).ToList()
            .Contains(PartitionCounters.Outcome.OutOfStep))
        {
            // Not expected (this grain is the pages' only writer); counted from what it holds, to be sure.
            partition.Rebuild(pages.Pages.Select(pair =>
                (pair.Key, StatisticsPageGrain.CountsOf(StatisticsKeys.PageKey(Key, pair.Key), pair.Value))));
        }
    }

    private async Task WritePageAsync(int page)
    {
        var etag = pageETags.GetValueOrDefault(page);
        var stored = new GrainState<StatisticsPartitionState>(pages!.Pages[page])
        {
            ETag = etag,
            RecordExists = etag is not null,
        };
        await storage.WriteStateAsync(
            StorageNames.StatisticsPage, GrainId.Create(StorageNames.StatisticsPage, StatisticsKeys.PageKey(Key, page)),
            stored);

        pageETags[page] = stored.ETag;
    }

    /// <summary>Where the storage cannot read the pages by key range: each page's grain applies its facts.</summary>
    private async Task ApplyThroughPageGrainsAsync(IReadOnlyList<StatisticsFact> facts)
    {
        var byPage = facts.GroupBy(fact => StatisticsKeys.Page(fact.Id)).ToList();

        // Without key-range reads a page is marked in use before it is first written, so counting the pages in use
        // counts every fact; with them the next activation finds it stored (see remarks).
        foreach (var group in byPage)
        {
            inUse |= 1 << group.Key;
        }

        var fresh = byPage.Select(group => group.Key).Where(page => (State.Pages & (1 << page)) == 0).ToList();
        if (fresh.Count > 0)
        {
            foreach (var page in fresh)
            {
                State.Pages |= 1 << page;
            }

            State.Revision++;
            await WriteAsync();
        }

        var applied = await Task.WhenAll(byPage.Select(async group =>
            (Page: group.Key, Change: await Page(group.Key).ApplyAsync(group.ToList()))));
        var partition = new PartitionCounters(counters, pageRevisions);
        if (applied.Select(pair => partition.Apply(pair.Page, pair.Change)).ToList()
            .Contains(PartitionCounters.Outcome.OutOfStep))
        {
            await CountPagesAsync();
        }
    }

    public Task<PartitionCounts> GetCountsAsync() => Task.FromResult(committed);

    /// <summary>The counters, copied, with their revision (see the class remarks).</summary>
    private PartitionCounts Snapshot()
    {
        var (office, year, month) = StatisticsKeys.ParsePartition(Key);
        return new PartitionCounts(office, year, month, State.Revision + pageRevisions.Values.Sum(),
            DayCounters.Copy(counters));
    }

    /// <summary>
    /// Counts the facts of every page in use into this partition's counters (in memory): at activation, and as the
    /// repair when a page's change does not follow them.
    /// </summary>
    private async Task CountPagesAsync()
    {
        inUse |= State.Pages;
        var numbers = Enumerable.Range(0, StatisticsKeys.Pages).Where(page => (inUse & (1 << page)) != 0).ToList();
        var loaded = await Task.WhenAll(numbers.Select(page => Page(page).GetCountsAsync()));
        new PartitionCounters(counters, pageRevisions).Rebuild(numbers.Zip(loaded));
    }

    /// <summary>
    /// At activation: counts every stored page of this month, read in one query where the storage can (see remarks),
    /// else asks the marked pages (<see cref="CountPagesAsync"/>).
    /// </summary>
    private async Task CountStoredPagesAsync()
    {
        var prefix = GrainId.Create(StorageNames.StatisticsPage, StatisticsKeys.PageKey(Key, 0)[..^2]).ToString();
        if (await records.ReadPrefixAsync<StatisticsPartitionState>(StorageNames.StatisticsPage, prefix) is not
            { } stored)
        {
            await CountPagesAsync();
            return;
        }

        var (_, year, month) = StatisticsKeys.ParsePartition(Key);
        pages = new PartitionPages(DateTime.DaysInMonth(year, month));
        pageETags.Clear();
        var counts = new List<(int Page, PartitionCounts Counts)>(stored.Count);
        foreach (var page in stored)
        {
            var number = int.Parse(page.GrainId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
            var held = page.State ?? new StatisticsPartitionState();
            pages.Load(number, held);
            pageETags[number] = page.ETag;
            counts.Add((number, StatisticsPageGrain.CountsOf(StatisticsKeys.PageKey(Key, number), held)));
        }

        new PartitionCounters(counters, pageRevisions).Rebuild(counts);
    }

    // Memory is ahead of what is stored: should the write fail, the next call reads the stored state again.
    private Task WriteAsync() => state.WriteOrLetGoAsync(DeactivateOnIdle);

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

        State.Revision++;
        await WriteAsync();
        await Task.WhenAll(byPage.Select(group => Page(group.Page).ApplyAsync(group.Facts)));
        State.Facts.Clear();
        State.Revision++;
        await WriteAsync();
    }

    private IStatisticsPageGrain Page(int page) =>
        grains.Get<IStatisticsPageGrain>(StatisticsKeys.PageKey(Key, page));
}
