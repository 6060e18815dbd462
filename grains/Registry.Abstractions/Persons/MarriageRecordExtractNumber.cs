using Registry.Abstractions.Marriages;

namespace Registry.Abstractions.Persons;

/// <summary>
/// Numbers of marriage-record extracts, in the form of the certificate numbers (<see cref="CertificateNumber"/>):
/// prefix <c>Z</c> (证明) + the issuing office's 6-digit division code + "-" + year + "-" + 6-digit serial, e.g.
/// <c>Z110101-2026-000001</c>. Serials count per office and year, from 1, in the certificate counters.
/// </summary>
public static class MarriageRecordExtractNumber
{
    public const string Prefix = "Z";

    /// <summary>The series of <paramref name="office"/> in <paramref name="year"/>, e.g. <c>Z110101-2026</c>: the key
    /// of its counter grain.</summary>
    public static string SeriesOf(string office, int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}{office}-{year:0000}");

    /// <summary>True for a well-formed number: Z, 6 digits, "-", a 4-digit year, "-", 6 digits.</summary>
    public static bool IsWellFormed(string? number) =>
        number is { Length: 19 } && number[0] == 'Z' && number[7] == '-' && number[12] == '-'
        && number.AsSpan(1, 6).IndexOfAnyExceptInRange('0', '9') < 0
        && number.AsSpan(8, 4).IndexOfAnyExceptInRange('0', '9') < 0
        && number.AsSpan(13, 6).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>The issuing office's code in a well-formed number.</summary>
    public static string OfficeOf(string number) => number.Substring(1, 6);
}
