using Registry.Abstractions.Divisions;

namespace Registry.Api.Statistics;

/// <summary>One office or division of a report: code, name and level as of the period's end (null when the
/// division history does not know the code, or for the national office), and its figures.</summary>
public sealed record StatisticsRow(string Code, string? Name, DivisionLevel? Level,
    IReadOnlyDictionary<string, decimal?> Figures);
