namespace Registry.Abstractions.Statistics;

/// <summary>
/// What one apply did to a statistics page (<see cref="IStatisticsPageGrain"/>): its revision before and after and the
/// change of its day counters (per period figure, one count per day of the month, index 0 = the 1st; only figures that
/// changed). <see cref="Before"/> equals <see cref="After"/> and <see cref="Delta"/> is empty when the facts were
/// already stored (a publication repeated). The partition adds <see cref="Delta"/> to its own stored counters only when
/// it last saw the page at <see cref="Before"/>, so a change is counted exactly once.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Statistics.PageChange")]
public sealed record PageChange(
    [property: Id(0)] long Before,
    [property: Id(1)] long After,
    [property: Id(2)] IReadOnlyDictionary<string, int[]> Delta);
