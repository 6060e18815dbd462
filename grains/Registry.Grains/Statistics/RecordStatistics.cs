using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>What one record contributes to the statistics: its period facts and its level changes (as-of figures).</summary>
public sealed record RecordStatistics(IReadOnlyList<StatisticsFact> Period, IReadOnlyList<StatisticsFact> Levels)
{
    public static RecordStatistics None { get; } = new([], []);
}
