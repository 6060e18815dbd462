using Registry.Abstractions.Divisions;
using Registry.Api.Statistics;

namespace Registry.Api.Contracts.Statistics;

/// <summary>An office or division: code, name and level as of the period's end, and its figures by key (null: not
/// recorded).</summary>
public sealed record StatisticsRowResponse(string Code, string? Name, DivisionLevel? Level,
    IReadOnlyDictionary<string, long?> Figures)
{
    public static StatisticsRowResponse From(StatisticsRow row) => new(row.Code, row.Name, row.Level, row.Figures);
}
