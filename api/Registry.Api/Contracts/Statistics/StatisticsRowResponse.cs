using Registry.Abstractions.Divisions;
using Registry.Api.Statistics;

namespace Registry.Api.Contracts.Statistics;

/// <summary>An office or division: code, name and level as of the period's end, and its figures by key (null: not
/// recorded, or a rate whose denominator is 0).</summary>
public sealed record StatisticsRowResponse(string Code, string? Name, DivisionLevel? Level,
    IReadOnlyDictionary<string, decimal?> Figures)
{
    public static StatisticsRowResponse From(StatisticsRow row) => new(row.Code, row.Name, row.Level, row.Figures);
}
