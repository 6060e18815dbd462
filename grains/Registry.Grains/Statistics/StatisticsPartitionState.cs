namespace Registry.Grains.Statistics;

/// <summary>
/// State of <see cref="StatisticsPartitionGrain"/> (an office's month) and, in the same shape, of each of its
/// <see cref="StatisticsPageGrain"/>s. A page keeps the facts of its records by fact id and its number of writes. The
/// partition itself keeps only which pages are marked in use (<see cref="Pages"/>, a bit per page: only where the
/// storage cannot read the month's pages by key range, and by builds before that read) and its number of writes:
/// its day counters are derived from its pages when it is activated and kept in memory, so a publication stores its
/// page and nothing else. <see cref="Facts"/> there is what a build before the pages stored (every fact of the month
/// in one state), moved to the pages when the partition is next activated; the counters a build before stored beside
/// the pages are no longer read (unknown members are ignored) and go with the partition's next write.
/// </summary>
public sealed class StatisticsPartitionState
{
    public Dictionary<string, PartitionFact> Facts { get; set; } = new(StringComparer.Ordinal);

    public long Revision { get; set; }

    /// <summary>The pages (bit n: page n) marked as possibly holding facts; a partition's only. Where the storage reads
    /// key ranges a page is not marked: the partition finds it stored.</summary>
    public int Pages { get; set; }
}
