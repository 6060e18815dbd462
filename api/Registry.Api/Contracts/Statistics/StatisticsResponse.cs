using Registry.Api.Statistics;

namespace Registry.Api.Contracts.Statistics;

/// <summary>
/// The statistics of a period: the scope (null: national), the figures answered, the figures not recorded and why,
/// the total over the scope, the divisions the offices roll up to as of the period's end (each with the sum of the
/// offices in it then; above the county level only when the offices are not listed) and, when listed, each office.
/// </summary>
public sealed record StatisticsResponse(
    DateOnly From,
    DateOnly To,
    StatisticsRowResponse? Scope,
    IReadOnlyList<StatisticsFigureResponse> Figures,
    IReadOnlyList<NotRecordedResponse> NotRecorded,
    IReadOnlyDictionary<string, decimal?> Total,
    IReadOnlyList<StatisticsRowResponse> Divisions,
    IReadOnlyList<StatisticsRowResponse> Offices)
{
    public static StatisticsResponse Of(StatisticsReport report) => new(report.From, report.To,
        report.Scope is null ? null : StatisticsRowResponse.From(report.Scope),
        report.Figures.Select(StatisticsFigureResponse.From).ToList(),
        report.Figures.Where(f => !f.Recorded).Select(f => new NotRecordedResponse(f.Key, f.Label,
            f.NotRecordedBecause!)).ToList(),
        report.Total,
        report.Divisions.Select(StatisticsRowResponse.From).ToList(),
        report.Offices.Select(StatisticsRowResponse.From).ToList());
}
