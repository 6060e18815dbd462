namespace Registry.Abstractions.Statistics;

/// <summary>The statistics grains holding anything: roll-up keys and level provinces, in order.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Statistics.StatisticsDirectory")]
public sealed record StatisticsDirectory(
    [property: Id(0)] IReadOnlyList<string> Rollups,
    [property: Id(1)] IReadOnlyList<string> LevelProvinces);
