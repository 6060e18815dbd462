using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>
/// The day counters an office's month keeps in memory beside its fact pages (<see cref="StatisticsPartitionGrain"/>),
/// and the revision of each page they include. A page's change
/// is added only when the counters include that page exactly as it was before the change (its
/// <see cref="PageChange.Before"/>): a change already included (a publication repeated, a retry) is skipped, and one
/// that does not follow what is included (a change lost between a page's write and the partition's) is refused, for
/// the partition to count its pages again (<see cref="Rebuild"/>). Pure; works on the state passed in; not thread-safe.
/// </summary>
public sealed class PartitionCounters(Dictionary<string, int[]> counters, Dictionary<int, long> pageRevisions)
{
    /// <summary>How a page's change met the counters.</summary>
    public enum Outcome
    {
        /// <summary>Added: the counters changed.</summary>
        Added,

        /// <summary>Already included: nothing changed.</summary>
        AlreadyIncluded,

        /// <summary>Does not follow what is included: the counters must be counted from the pages again.</summary>
        OutOfStep,
    }

    /// <summary>Adds the change of page <paramref name="page"/> if it follows the revision included.</summary>
    public Outcome Apply(int page, PageChange change)
    {
        var included = pageRevisions.GetValueOrDefault(page);
        if (included == change.After)
        {
            return Outcome.AlreadyIncluded;
        }

        if (included != change.Before)
        {
            return Outcome.OutOfStep;
        }

        DayCounters.AddAll(counters, change.Delta);
        pageRevisions[page] = change.After;
        return Outcome.Added;
    }

    /// <summary>Replaces the counters with the sum of every page's (the counts of its stored facts, with their
    /// revisions): the repair and first-derivation path.</summary>
    public void Rebuild(IEnumerable<(int Page, PartitionCounts Counts)> pages)
    {
        counters.Clear();
        pageRevisions.Clear();
        foreach (var (page, counts) in pages)
        {
            DayCounters.AddAll(counters, counts.Days);
            pageRevisions[page] = counts.Revision;
        }

        // Figures whose facts were all withdrawn are kept as zeros: harmless, and the month's size stays bounded.
    }
}
