using Registry.Abstractions.Errors;
using Registry.Abstractions.Divisions;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// The number of the boundary line between two divisions. GB/T 17796 numbers a provincial line by the two provinces'
/// 2-digit codes, smaller first (e.g. 1113 for Beijing-Hebei), which with a 3-digit marker serial and a type code
/// gives the 8-character marker number. Lower levels follow the same rule with each division's significant code
/// digits (prefecture 4, county 6, township 9), as the standard lets lower levels "refer to" it. Two reference areas
/// of one scheme get <c>scheme:idA~idB</c>. Lines always join two areas of the same scheme.
/// </summary>
public static class BoundaryLineNumber
{
    /// <summary>The line number for two areas, or the rule they break.</summary>
    public static string For(string divisionA, string divisionB)
    {
        if (!DivisionRef.IsWellFormed(divisionA) || !DivisionRef.IsWellFormed(divisionB))
        {
            throw DomainException.Invalid("division-ref-format", "divisions",
                "Each side is a registry division code (6 or 9 digits) or a reference area written scheme:id.");
        }

        if (divisionA == divisionB)
        {
            throw DomainException.Invalid("boundary-line-sides", "divisions",
                "A boundary line separates two different divisions.");
        }

        if (DivisionRef.SchemeOf(divisionA) != DivisionRef.SchemeOf(divisionB))
        {
            throw DomainException.Invalid("boundary-line-sides", "divisions",
                "Both sides of a boundary line belong to the same scheme (two registry divisions, or two reference " +
                "areas of one scheme).");
        }

        var (first, second) = string.CompareOrdinal(divisionA, divisionB) < 0
            ? (divisionA, divisionB)
            : (divisionB, divisionA);
        return DivisionRef.IsRegistryCode(first)
            ? Significant(first) + Significant(second)
            : $"{DivisionRef.SchemeOf(first)}:{DivisionRef.IdOf(first)}~{DivisionRef.IdOf(second)}";
    }

    /// <summary>The two sides in the order the number lists them.</summary>
    public static (string First, string Second) Order(string divisionA, string divisionB) =>
        string.CompareOrdinal(divisionA, divisionB) < 0 ? (divisionA, divisionB) : (divisionB, divisionA);

    /// <summary>A plausible line number: 4 to 18 digits, or a reference-scheme line.</summary>
    public static bool IsWellFormed(string? number) =>
        number is { Length: >= 4 and <= 18 } && number.All(char.IsAsciiDigit) ||
        number is { Length: <= 2 * DivisionRef.MaxLength } && number.Split('~') is [var a, var b] &&
        DivisionRef.IsReference(a) && DivisionRef.IsReference(DivisionRef.SchemeOf(a) + ":" + b);

    private static string Significant(string code) => DivisionRef.LevelOfCode(code) switch
    {
        DivisionLevel.Province => code[..2],
        DivisionLevel.Prefecture => code[..4],
        _ => code,
    };
}
