using Orleans.Concurrency;

namespace Registry.Abstractions.Statistics;

/// <summary>
/// One page of an office's month of period facts (<see cref="IStatisticsPartitionGrain"/>): the facts of the records
/// that <see cref="StatisticsKeys.Page"/> assigns to it, by fact id, and their day counters. Key:
/// <c>{office}/{yyyy-MM}/{nn}</c>. <see cref="ApplyAsync"/> upserts facts by id, so publishing the same facts again
/// changes nothing (idempotent). A write stores this page only: the month's facts are spread over
/// <see cref="StatisticsKeys.Pages"/> pages instead of one state rewritten whole on every registration.
/// </summary>
[Alias("Registry.Statistics.IStatisticsPageGrain")]
public interface IStatisticsPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the facts (each of a record of this page, dated in this month at this office) and answers
    /// the page's counters as stored.</summary>
    Task<PartitionCounts> ApplyAsync(IReadOnlyList<StatisticsFact> facts);

    /// <summary>The counters as last stored. Interleaves with a running apply (it reads only what is stored).</summary>
    [AlwaysInterleave]
    Task<PartitionCounts> GetCountsAsync();
}
