namespace Registry.Grains.Statistics;

/// <summary>State of <see cref="StatisticsDirectoryGrain"/>.</summary>
public sealed class StatisticsDirectoryState
{
    public SortedSet<string> Rollups { get; set; } = new(StringComparer.Ordinal);

    public SortedSet<string> LevelProvinces { get; set; } = new(StringComparer.Ordinal);
}
