using Orleans.Concurrency;

namespace Registry.Abstractions.Statistics;

/// <summary>
/// The day counters of every office of one province in one year, summed on request. Key: <c>{pp}/{yyyy}</c>, pp the
/// province's two digits (see <see cref="StatisticsKeys"/>). It stores every office-month's counters itself, as the
/// partitions hand them over (in batches; after a stop that left some unstored it asks those office-months, named in
/// its checkpoint, again once), so activating it and answering read its own state only: never a partition, a fact page
/// or a record. Idempotent: a partition's counters replace that partition's previous ones only when their revision is
/// higher, so a repeated or late hand-over changes nothing.
/// </summary>
[Alias("Registry.Statistics.IStatisticsRollupGrain")]
public interface IStatisticsRollupGrain : IGrainWithStringKey
{
    /// <summary>Takes a partition's committed counters.</summary>
    Task ApplyAsync(PartitionCounts counts);

    /// <summary>Per office, each period figure summed over the days from <paramref name="from"/> to
    /// <paramref name="to"/> (both inclusive, clipped to this year).</summary>
    [ReadOnly]
    Task<OfficeFigures> SumAsync(DateOnly from, DateOnly to);

    /// <summary>The version of the counters held: it moves with every hand-over taken, before that call returns, so a
    /// reader that finds it unchanged knows every sum it read since is still the answer.</summary>
    [ReadOnly]
    Task<StatisticsVersion> VersionAsync();
}
