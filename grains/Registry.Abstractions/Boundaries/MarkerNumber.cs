using System.Globalization;
using System.Text.RegularExpressions;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// A boundary-marker number per GB/T 17796: the line number, a 3-digit serial (001-999, counted along the line from
/// west to east or north to south) and a type code: Q for a single marker; A and B for the two markers of a pair
/// (A on the side of the smaller division code); C, D and E for the three of a triple. E.g. 1113001Q.
/// </summary>
public static partial class MarkerNumber
{
    /// <summary>Splits a number into line number, serial and type code; null when it is not one.</summary>
    public static (string LineNumber, int Serial, char TypeCode)? Parse(string? number)
    {
        if (number is null || Pattern().Match(number) is not { Success: true } match)
        {
            return null;
        }

        var line = match.Groups["line"].Value;
        var serial = int.Parse(match.Groups["serial"].Value, CultureInfo.InvariantCulture);
        return BoundaryLineNumber.IsWellFormed(line) && serial > 0 ? (line, serial, match.Groups["code"].Value[0]) : null;
    }

    public static string Compose(string lineNumber, int serial, char typeCode) =>
        $"{lineNumber}{serial.ToString("000", CultureInfo.InvariantCulture)}{typeCode}";

    /// <summary>The type codes a marker of <paramref name="type"/> may carry.</summary>
    public static string CodesOf(MarkerType type) => type switch
    {
        MarkerType.Single => "Q",
        MarkerType.Pair => "AB",
        _ => "CDE",
    };

    public static MarkerType TypeOfCode(char code) => code switch
    {
        'Q' => MarkerType.Single,
        'A' or 'B' => MarkerType.Pair,
        _ => MarkerType.Triple,
    };

    [GeneratedRegex("^(?<line>.+)(?<serial>[0-9]{3})(?<code>[QABCDE])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
