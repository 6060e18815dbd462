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
    /// what that changed: the revisions before and after and the change of the day counters.</summary>
    Task<PageChange> ApplyAsync(IReadOnlyList<StatisticsFact> facts);

    /// <summary>The counters of every stored fact, counted from the facts: the repair path of the partition's own
    /// counters, never a query's. Interleaves with a running apply (it reads only what is stored).</summary>
    [AlwaysInterleave]
    Task<PartitionCounts> GetCountsAsync();
}
