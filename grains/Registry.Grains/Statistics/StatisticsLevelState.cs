using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>
/// State of <see cref="StatisticsLevelGrain"/> as written before its records were kept in pieces: per record key, its
/// dated level changes. Read once to move them into the pieces; empty afterwards.
/// </summary>
public sealed class StatisticsLevelState
{
    public Dictionary<string, List<StatisticsFact>> Records { get; set; } = new(StringComparer.Ordinal);
}
