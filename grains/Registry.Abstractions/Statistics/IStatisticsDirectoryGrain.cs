using Orleans.Concurrency;

namespace Registry.Abstractions.Statistics;

/// <summary>
/// Which roll-ups (<c>{pp}/{yyyy}</c>) and level grains (<c>{pp}</c>) hold anything, so a national question asks only
/// those. Key: 0. Written once per new province-year, never on the busy path after. Idempotent.
/// </summary>
[Alias("Registry.Statistics.IStatisticsDirectoryGrain")]
public interface IStatisticsDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a roll-up key.</summary>
    Task AddRollupAsync(string rollupKey);

    /// <summary>Records a level grain's province digits.</summary>
    Task AddLevelAsync(string province);

    /// <summary>The roll-up keys and level provinces recorded.</summary>
    [ReadOnly]
    Task<StatisticsDirectory> GetAsync();
}
