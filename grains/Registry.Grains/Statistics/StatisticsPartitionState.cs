namespace Registry.Grains.Statistics;

/// <summary>State of <see cref="StatisticsPartitionGrain"/>: the facts of one office's month by fact id, and the
/// number of writes. Bounded by the office's work in a month.</summary>
public sealed class StatisticsPartitionState
{
    public Dictionary<string, PartitionFact> Facts { get; set; } = new(StringComparer.Ordinal);

    public long Revision { get; set; }
}
