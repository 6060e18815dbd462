using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>
/// The fact pages of one office's month held in memory by their partition (<see cref="StatisticsPartitionGrain"/>),
/// which writes them itself where the storage reads them back by key range. Which page keeps a record is decided when
/// the record first brings a fact to the month and never changes while it keeps one there: the page its key hashes
/// to (<see cref="StatisticsKeys.Page"/>, as the page grains place it) while that page keeps fewer than
/// <see cref="RecordsPerPage"/> records, else an overflow page (numbered from <see cref="StatisticsKeys.Pages"/> up)
/// with room, a new one when none has. So no write rewrites a list that grows with the month: a busy month's
/// registrations fill the open overflow page (a batch of them is one write) and a filing rewrites at most
/// <see cref="RecordsPerPage"/> records' facts. A fact applies as the page grains apply it (upsert by fact id, a fact
/// counting 0 not kept) and a page's revision counts its writes. Pure; not thread-safe.
/// </summary>
public sealed class PartitionPages(int daysInMonth)
{
    /// <summary>Most records a page takes before new records of the month go to an overflow page.</summary>
    public const int RecordsPerPage = 16;

    private readonly Dictionary<int, StatisticsPartitionState> pages = [];
    private readonly Dictionary<string, int> pageOfRecord = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> recordsOnPage = [];
    private int lastOverflow = StatisticsKeys.Pages - 1;

    /// <summary>The pages held, by number.</summary>
    public IReadOnlyDictionary<int, StatisticsPartitionState> Pages => pages;

    /// <summary>Takes page <paramref name="page"/> as stored (at activation).</summary>
    public void Load(int page, StatisticsPartitionState state)
    {
        pages[page] = state;
        foreach (var id in state.Facts.Keys)
        {
            var record = RecordOf(id);
            if (pageOfRecord.TryAdd(record, page))
            {
                recordsOnPage[page] = recordsOnPage.GetValueOrDefault(page) + 1;
            }
        }

        lastOverflow = Math.Max(lastOverflow, page);
    }

    /// <summary>
    /// Applies <paramref name="facts"/> in order to the pages keeping their records and returns, per page changed, the
    /// change of its counters (its revision moved on by one); the pages in memory are changed, so the caller stores
    /// every page returned or reloads them all.
    /// </summary>
    public IReadOnlyList<(int Page, PageChange Change)> Apply(IEnumerable<StatisticsFact> facts)
    {
        var deltas = new Dictionary<int, Dictionary<string, int[]>>();
        foreach (var fact in facts)
        {
            var record = RecordOf(fact.Id);
            var stored = new PartitionFact(fact.Figure, fact.Date.Day, fact.Count);
            if (!pageOfRecord.TryGetValue(record, out var number))
            {
                if (stored.Count == 0)
                {
                    // Neither held nor counting: nothing to withdraw, nothing to keep.
                    continue;
                }

                number = Place(record, fact.Id);
            }

            var page = pages.TryGetValue(number, out var held) ? held : pages[number] = new StatisticsPartitionState();
            var onPage = number;
            ApplyFact(page, fact.Id, stored, daysInMonth, () => deltas.TryGetValue(onPage, out var delta) ? delta
                : deltas[onPage] = new Dictionary<string, int[]>(StringComparer.Ordinal));
        }

        return deltas.Select(pair =>
        {
            var page = pages[pair.Key];
            var before = page.Revision++;
            return (pair.Key, new PageChange(before, page.Revision, pair.Value));
        }).ToList();
    }

    /// <summary>
    /// The one rule of a page's facts, for this class and for <see cref="StatisticsPageGrain"/>: <paramref name="stored"/>
    /// replaces what <paramref name="page"/> holds for <paramref name="factId"/>, the day counters of
    /// <paramref name="delta"/> (asked for only when something changes) moved by the difference; a fact counting 0 is
    /// not kept (it withdraws the one held). False when the page is unchanged.
    /// </summary>
    public static bool ApplyFact(StatisticsPartitionState page, string factId, PartitionFact stored, int daysInMonth,
        Func<Dictionary<string, int[]>> delta)
    {
        var known = page.Facts.GetValueOrDefault(factId);
        if (known == stored || (known is null && stored.Count == 0))
        {
            return false;
        }

        var counters = delta();
        if (known is not null)
        {
            DayCounters.Add(counters, known.Figure, known.Day, -known.Count, daysInMonth);
        }

        if (stored.Count == 0)
        {
            page.Facts.Remove(factId);
        }
        else
        {
            DayCounters.Add(counters, stored.Figure, stored.Day, stored.Count, daysInMonth);
            page.Facts[factId] = stored;
        }

        return true;
    }

    /// <summary>The page a record new to the month goes to (see the class summary).</summary>
    private int Place(string record, string factId)
    {
        var hashed = StatisticsKeys.Page(factId);
        var number = recordsOnPage.GetValueOrDefault(hashed) < RecordsPerPage
            ? hashed
            : recordsOnPage.GetValueOrDefault(lastOverflow) < RecordsPerPage && lastOverflow >= StatisticsKeys.Pages
                ? lastOverflow
                : ++lastOverflow;
        pageOfRecord[record] = number;
        recordsOnPage[number] = recordsOnPage.GetValueOrDefault(number) + 1;
        return number;
    }

    /// <summary>The record part of a fact id (before its first <c>#</c>), as <see cref="StatisticsKeys.Page"/> takes it.</summary>
    private static string RecordOf(string factId)
    {
        var hash = factId.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? factId : factId[..hash];
    }
}
