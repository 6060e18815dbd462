using Orleans.Concurrency;

namespace Registry.Abstractions.Statistics;

/// <summary>
/// The as-of figures (grades in force, boundary lines and markers, lines overdue) of one province: per record its
/// dated level changes, persisted. Key: <c>{pp}</c>, the province's two digits (see <see cref="StatisticsKeys"/>).
/// A record's call replaces everything it gave before, so repeating it changes nothing (idempotent).
/// </summary>
[Alias("Registry.Statistics.IStatisticsLevelGrain")]
public interface IStatisticsLevelGrain : IGrainWithStringKey
{
    /// <summary>Replaces the level changes of <paramref name="recordKey"/> held here.</summary>
    Task ApplyAsync(string recordKey, IReadOnlyList<StatisticsFact> changes);

    /// <summary>Per office, each as-of figure's level at the end of <paramref name="asOf"/>.</summary>
    [ReadOnly]
    Task<OfficeFigures> LevelsAsync(DateOnly asOf);

    /// <summary>The version of the level changes held: it moves with every call that changed them, before that call
    /// returns (see <see cref="StatisticsVersion"/>).</summary>
    [ReadOnly]
    Task<StatisticsVersion> VersionAsync();
}
