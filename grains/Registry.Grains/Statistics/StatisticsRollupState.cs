namespace Registry.Grains.Statistics;

/// <summary>State of <see cref="StatisticsRollupGrain"/>: the partition keys (<c>{office}/{yyyy-MM}</c>) it holds.</summary>
public sealed class StatisticsRollupState
{
    public HashSet<string> Partitions { get; set; } = new(StringComparer.Ordinal);
}
