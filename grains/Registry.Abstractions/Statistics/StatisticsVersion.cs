namespace Registry.Abstractions.Statistics;

/// <summary>
/// The version of what a statistics grain answers (<see cref="IStatisticsRollupGrain"/>,
/// <see cref="IStatisticsLevelGrain"/>): equal versions mean its answers have not changed between them, so a reader
/// may keep what it computed from them. <see cref="Epoch"/> names the activation that counts <see cref="Changes"/>
/// (held in memory only: a new activation answers a new epoch, and a reader that cannot tell what it missed computes
/// again).
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Statistics.StatisticsVersion")]
public sealed record StatisticsVersion(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Changes);
