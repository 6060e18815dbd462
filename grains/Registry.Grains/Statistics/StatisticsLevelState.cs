using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>State of <see cref="StatisticsLevelGrain"/>: per record key, its dated level changes.</summary>
public sealed class StatisticsLevelState
{
    public Dictionary<string, List<StatisticsFact>> Records { get; set; } = new(StringComparer.Ordinal);
}
