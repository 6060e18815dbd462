using Orleans.Concurrency;

namespace Registry.Abstractions.Statistics;

/// <summary>
/// The period facts of one office's month and their day counters, persisted: the facts (kept in pages,
/// <see cref="IStatisticsPageGrain"/>) are the statistics read model's source of truth, fed by the records after each
/// committed change (<c>StatisticsFeed</c>); the counters are counted from the pages when the partition is activated
/// and then moved in memory by each change, so a change stores its page only. Key: <c>{office}/{yyyy-MM}</c>
/// (see <see cref="StatisticsKeys"/>). <see cref="ApplyAsync"/> upserts facts by id, so a record publishing the same
/// facts again changes nothing (idempotent); a record's calls come one after the other from its own grain.
/// </summary>
[Alias("Registry.Statistics.IStatisticsPartitionGrain")]
public interface IStatisticsPartitionGrain : IGrainWithStringKey
{
    /// <summary>Stores the facts (each dated in this month at this office), moves the counters, then hands the
    /// month's counters to the province's roll-up of the year.</summary>
    Task ApplyAsync(IReadOnlyList<StatisticsFact> facts);

    /// <summary>As <see cref="ApplyAsync"/>, for a bulk publication (the archive import's, each office's months in
    /// date order, reached by one batch or two): the partition then lets go of its activation, which holds every fact
    /// of its month, instead of staying for the collection age.</summary>
    Task ApplyBulkAsync(IReadOnlyList<StatisticsFact> facts);

    /// <summary>The counters as of the last change (held in memory, counted from the pages at activation).
    /// Interleaves with a running apply, so a roll-up recovering or rebuilding itself while this partition is handing
    /// it counters does not deadlock.</summary>
    [AlwaysInterleave]
    Task<PartitionCounts> GetCountsAsync();
}
