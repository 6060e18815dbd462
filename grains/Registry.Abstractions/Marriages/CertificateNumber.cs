using System.Globalization;

namespace Registry.Abstractions.Marriages;

/// <summary>
/// Certificate numbers: prefix (J, L, BJ, BL) + the issuing office's 6-digit division code + "-" + year + "-" +
/// 6-digit serial, e.g. <c>J110101-2026-000001</c>. Serials count per prefix, office and year, from 1.
/// </summary>
public static class CertificateNumber
{
    public const int MaxSerial = 999_999;

    public static string PrefixOf(CertificateKind kind) => kind switch
    {
        CertificateKind.Marriage => "J",
        CertificateKind.Divorce => "L",
        CertificateKind.MarriageReplacement => "BJ",
        CertificateKind.DivorceReplacement => "BL",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The series a serial belongs to, e.g. <c>J110101-2026</c>: the key of its counter grain.</summary>
    public static string SeriesOf(CertificateKind kind, string office, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{PrefixOf(kind)}{office}-{year:0000}");

    public static string Format(string series, int serial) =>
        string.Create(CultureInfo.InvariantCulture, $"{series}-{serial:000000}");

    public static string Format(CertificateKind kind, string office, int year, int serial) =>
        Format(SeriesOf(kind, office, year), serial);

    /// <summary>True for a well-formed number: a prefix, 6 digits, "-", a 4-digit year, "-", 6 digits.</summary>
    public static bool IsWellFormed(string? number) =>
        number is not null
        && System.Text.RegularExpressions.Regex.IsMatch(number, "^(J|L|BJ|BL)[0-9]{6}-[0-9]{4}-[0-9]{6}$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
