using Orleans.Concurrency;

namespace Registry.Abstractions.Statistics;

/// <summary>
/// The period facts of one office's month and their day counters, persisted: the facts (kept in pages,
/// <see cref="IStatisticsPageGrain"/>) are the statistics read model's source of truth, fed by the records after each
/// committed change (<c>StatisticsFeed</c>); the counters are stored beside them, moved by each change, so reading
/// them reads no page. Key: <c>{office}/{yyyy-MM}</c>
/// (see <see cref="StatisticsKeys"/>). <see cref="ApplyAsync"/> upserts facts by id, so a record publishing the same
/// facts again changes nothing (idempotent); a record's calls come one after the other from its own grain.
/// </summary>
[Alias("Registry.Statistics.IStatisticsPartitionGrain")]
public interface IStatisticsPartitionGrain : IGrainWithStringKey
{
    /// <summary>Stores the facts (each dated in this month at this office) and the counters they move, then hands
    /// the month's counters to the province's roll-up of the year.</summary>
    Task ApplyAsync(IReadOnlyList<StatisticsFact> facts);

    /// <summary>The counters as last stored (read from this partition's own state, not its pages). Interleaves with a running apply (it reads only what is stored), so a
    /// roll-up rebuilding itself while this partition is handing it counters does not deadlock.</summary>
    [AlwaysInterleave]
    Task<PartitionCounts> GetCountsAsync();
}
