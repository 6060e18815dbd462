using Registry.Abstractions.Divisions;
using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>Which office a fact is counted at. Pure.</summary>
public static class StatisticsOffices
{
    /// <summary>The county-level office of a division code (a township's or village's county), or null for a key
    /// that is no division code (a reference area).</summary>
    public static string? OfficeOf(string code) =>
        code == Jurisdiction.NationalOffice ? code
        : code.Length >= 6 && code.Take(6).All(char.IsAsciiDigit) ? code[..6]
        : null;

    /// <summary>
    /// The facts counting one thing at both sides of a boundary (each side's office), with a shared correction of -1 at
    /// the nearest division holding both (same city: the city; same province: the province; else the national
    /// office), so that every roll-up holding both sides counts it once. One side only (or both at one office): one
    /// fact.
    /// </summary>
    public static IEnumerable<StatisticsFact> BothSides(string id, string figure, string sideA, string sideB,
        DateOnly date, int count = 1)
    {
        var a = OfficeOf(sideA);
        var b = OfficeOf(sideB);
        if (a is null || b is null || a == b)
        {
            if ((a ?? b) is { } only)
            {
                yield return new StatisticsFact(id, figure, only, date, count);
            }

            yield break;
        }

        yield return new StatisticsFact(id + "@a", figure, a, date, count);
        yield return new StatisticsFact(id + "@b", figure, b, date, count);
        var common = a[..4] == b[..4] ? a[..4] + "00"
            : a[..2] == b[..2] ? a[..2] + "0000"
            : Jurisdiction.NationalOffice;
        yield return new StatisticsFact(id + "@shared", figure, StatisticsFigures.SharedPrefix + common, date, -count);
    }
}
