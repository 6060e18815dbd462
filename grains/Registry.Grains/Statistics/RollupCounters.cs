using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>
/// The office-month counters a roll-up holds, by partition key (<c>{office}/{yyyy-MM}</c>), each with its month's
/// totals so a period covering whole months adds one number per figure instead of every day. A partition's counters
/// replace its earlier ones only when their revision is higher, so a publication repeated or arriving late changes
/// nothing. The sums of the last <see cref="KeptSums"/> periods asked are kept until counters are taken, so a period
/// asked again (the year of a national answer, asked by every reader) costs no addition while nothing changed. Pure;
/// not thread-safe.
/// </summary>
public sealed class RollupCounters
{
    /// <summary>Periods whose sums are kept at once.</summary>
    public const int KeptSums = 8;

    private readonly Dictionary<string, (PartitionCounts Counts, Dictionary<string, long> Totals)> held =
        new(StringComparer.Ordinal);

    private readonly Dictionary<(DateOnly From, DateOnly To), OfficeFigures> sums = [];

    /// <summary>How many office-months are held.</summary>
    public int Count => held.Count;

    /// <summary>How many times counters were taken: moves whenever a sum may answer differently.</summary>
    public long Changes { get; private set; }

    /// <summary>The partition keys of the office-months held.</summary>
    public IEnumerable<string> Keys => held.Keys;

    /// <summary>Whether counters of the office-month <paramref name="key"/> are held.</summary>
    public bool Holds(string key) => held.ContainsKey(key);

    /// <summary>The partition key of <paramref name="counts"/>.</summary>
    public static string KeyOf(PartitionCounts counts) =>
        StatisticsKeys.Partition(counts.Office, new DateOnly(counts.Year, counts.Month, 1));

    /// <summary>Whether <paramref name="counts"/> are newer than those held for their office-month.</summary>
    public bool IsNewer(PartitionCounts counts) =>
        !held.TryGetValue(KeyOf(counts), out var known) || known.Counts.Revision < counts.Revision;

    /// <summary>Holds <paramref name="counts"/> if newer than those held; answers whether it did.</summary>
    public bool Take(PartitionCounts counts)
    {
        if (!IsNewer(counts))
        {
            return false;
        }

        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (figure, sum) in DayCounters.Sum(counts.Days, 0, int.MaxValue - 1))
        {
            totals[figure] = sum;
        }

        held[KeyOf(counts)] = (counts, totals);
        sums.Clear();
        Changes++;
        return true;
    }

    /// <summary>Per office, each figure summed over the days from <paramref name="from"/> to <paramref name="to"/>
    /// (both inclusive); figures summing to 0 left out. The answer is kept (see <see cref="KeptSums"/>): callers do not
    /// change it (a grain call hands out a copy).</summary>
    public OfficeFigures Sum(DateOnly from, DateOnly to)
    {
        if (sums.TryGetValue((from, to), out var kept))
        {
            return kept;
        }

        if (sums.Count >= KeptSums)
        {
            sums.Clear();
        }

        return sums[(from, to)] = Add(from, to);
    }

    private OfficeFigures Add(DateOnly from, DateOnly to)
    {
        var answer = new OfficeFigures();
        foreach (var (counts, totals) in held.Values)
        {
            var first = new DateOnly(counts.Year, counts.Month, 1);
            var last = first.AddMonths(1).AddDays(-1);
            if (last < from || first > to)
            {
                continue;
            }

            if (from <= first && to >= last)
            {
                foreach (var (figure, sum) in totals)
                {
                    answer.Add(counts.Office, figure, sum);
                }

                continue;
            }

            var start = (from > first ? from.Day : 1) - 1;
            var end = (to < last ? to.Day : last.Day) - 1;
            foreach (var (figure, sum) in DayCounters.Sum(counts.Days, start, end))
            {
                answer.Add(counts.Office, figure, sum);
            }
        }

        return answer;
    }
}
