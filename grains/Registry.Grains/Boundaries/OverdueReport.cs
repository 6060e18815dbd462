using Registry.Abstractions.Boundaries;

namespace Registry.Grains.Boundaries;

/// <summary>
/// Which lines are due for joint inspection (every 5 years by default, Administrative Boundary Management Regulations
/// 2002): the last completed inspection more than <c>years</c> years before today, or never inspected. Pure.
/// </summary>
public static class OverdueReport
{
    /// <summary>The overdue lines by number; with <paramref name="division"/>, only lines with a side that is that
    /// division or lies below it (by code: 440000 covers 44xxxx, 440100 covers 4401xx).</summary>
    public static IEnumerable<OverdueLine> Select(IEnumerable<OverdueLine> lines, DateOnly today, int years,
        bool includeNeverInspected, string? division = null)
    {
        var prefix = division is null ? null : Prefix(division);
        return lines
            .Where(line => line.LastCompletedInspection is { } last
                ? last.AddYears(years) < today
                : includeNeverInspected)
            .Where(line => prefix is null || Covers(prefix, line.DivisionA) || Covers(prefix, line.DivisionB))
            .OrderBy(line => line.Number, StringComparer.Ordinal);
    }

    private static bool Covers(string prefix, string side) => side.StartsWith(prefix, StringComparison.Ordinal);

    private static string Prefix(string code) =>
        code.Length == 6 && code.EndsWith("0000", StringComparison.Ordinal) ? code[..2]
        : code.Length == 6 && code.EndsWith("00", StringComparison.Ordinal) ? code[..4]
        : code;
}
