namespace Registry.Abstractions.Statistics;

/// <summary>
/// The committed day counters of one office's month (<see cref="IStatisticsPartitionGrain"/>): per period figure,
/// one count per day of the month (index 0 = the 1st). <see cref="Revision"/> is the partition's own writes plus the
/// revisions of the fact pages its counters include: it only grows, also across restarts, so a roll-up keeps the
/// newest it has seen.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Statistics.PartitionCounts")]
public sealed record PartitionCounts(
    [property: Id(0)] string Office,
    [property: Id(1)] int Year,
    [property: Id(2)] int Month,
    [property: Id(3)] long Revision,
    [property: Id(4)] IReadOnlyDictionary<string, int[]> Days);
