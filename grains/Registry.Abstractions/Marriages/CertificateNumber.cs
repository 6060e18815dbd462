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

    /// <summary>The most characters a certificate number entered from the archive has.</summary>
    public const int MaxOriginalLength = 40;

    /// <summary>
    /// True for a certificate number as a paper record from the archive writes it: the national format, or a format
    /// of its own from before it, such as <c>京东结字第0123号</c> or <c>(98)西结字第1234号</c>: upper-case Latin letters,
    /// the digits 0-9 (at least one), Chinese characters, '-' and parentheses (<c>()</c>, <c>（）</c>, <c>〔〕</c>), at
    /// most <see cref="MaxOriginalLength"/> characters. No space, slash or other sign a key cannot hold.
    /// </summary>
    public static bool IsOriginalWellFormed(string? number) =>
        number is { Length: > 0 and <= MaxOriginalLength }
        && number.Any(char.IsAsciiDigit)
        && number.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || "-()（）〔〕".Contains(c)
            || IsChineseCharacter(c));

    // The CJK unified ideographs and their extension A, and the compatibility ideographs: the characters of a
    // locality's abbreviation and of 结字第…号 (the supplementary planes' rare ideographs are not used in numbers).
    private static bool IsChineseCharacter(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    /// <summary>
    /// The key a certificate number is indexed by, and an archive record identified by. A number of the national
    /// format names its office and year and is unique in the country: it is its own key. A number of an earlier format
    /// is unique only in the register its office kept for its year (the same 结字第123号 was issued by many offices,
    /// and by one office again when its serials restarted), so its key is the office's code, the year it was issued
    /// and the number: <c>110101-1998-京东结字第0123号</c>. Keys of the two kinds never meet: a national number starts
    /// with a letter, the other key with a digit.
    /// </summary>
    public static string KeyOf(string number, string office, int year) =>
        IsWellFormed(number)
            ? number
            : string.Create(CultureInfo.InvariantCulture, $"{office}-{year:0000}-{number}");

    /// <summary>A key of <see cref="KeyOf"/> as a registrar reads it: the number, and for an earlier format the
    /// office and year it is unique in (<c>京东结字第0123号 (office 110101, 1998)</c>).</summary>
    public static string Describe(string key)
    {
        // The office is a 6-digit code, or a township's 9-digit one.
        var office = key.IndexOf('-', StringComparison.Ordinal);
        return !IsWellFormed(key) && office is 6 or 9 && key.Length > office + 6 && key[office + 5] == '-'
            && !key.AsSpan(0, office).ContainsAnyExceptInRange('0', '9')
            ? string.Create(CultureInfo.InvariantCulture,
                $"{key[(office + 6)..]} (office {key[..office]}, {key[(office + 1)..(office + 5)]})")
            : key;
    }

    /// <summary>True for a well-formed number: a prefix, 6 digits, "-", a 4-digit year, "-", 6 digits.</summary>
    public static bool IsWellFormed(string? number) =>
        number is not null
        && System.Text.RegularExpressions.Regex.IsMatch(number, "^(J|L|BJ|BL)[0-9]{6}-[0-9]{4}-[0-9]{6}$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
