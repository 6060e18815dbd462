using Registry.Abstractions.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// The figures of a period for a scope: per office, rolled up by division as of the period's end, and in total.
/// Values are null for figures not recorded (<see cref="StatisticsFigure.NotRecordedBecause"/>).
/// </summary>
public sealed record StatisticsReport(
    DateOnly From,
    DateOnly To,
    StatisticsRow? Scope,
    IReadOnlyList<StatisticsFigure> Figures,
    IReadOnlyDictionary<string, decimal?> Total,
    IReadOnlyList<StatisticsRow> Divisions,
    IReadOnlyList<StatisticsRow> Offices);
