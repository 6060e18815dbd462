namespace Registry.Grains.Statistics;

/// <summary>
/// State of <see cref="StatisticsPartitionGrain"/> (an office's month) and, in the same shape, of each of its
/// <see cref="StatisticsPageGrain"/>s. A page keeps the facts of its records by fact id and its number of writes. The
/// partition itself keeps which pages are in use (<see cref="Pages"/>, a bit per page), its number of writes, and its
/// own day counters with the page revisions they include (<see cref="Counters"/>, <see cref="PageRevisions"/>), so
/// that reading them never reads a page; <see cref="Facts"/> there is what a build before the pages stored (every fact
/// of the month in one state), moved to the pages when the partition is next activated.
/// </summary>
public sealed class StatisticsPartitionState
{
    public Dictionary<string, PartitionFact> Facts { get; set; } = new(StringComparer.Ordinal);

    public long Revision { get; set; }

    /// <summary>The pages (bit n: page n) that may hold facts; a partition's only.</summary>
    public int Pages { get; set; }

    /// <summary>A partition's day counters (per period figure, one count per day of the month): bounded by figures
    /// times days, not by facts. Null on a page, and on a partition stored by a build before it kept its own
    /// counters (they are then counted from its pages once, and stored).</summary>
    public Dictionary<string, int[]>? Counters { get; set; }

    /// <summary>Per page number, the page revision <see cref="Counters"/> include; a partition's only.</summary>
    public Dictionary<int, long>? PageRevisions { get; set; }
}
