using System.Globalization;
using System.Text;

namespace Registry.Grains.Places;

/// <summary>One class of characters outside the standard found in a name, and those characters as written.</summary>
public sealed record NameCharacterClass(string Class, string Characters)
{
    /// <summary>As a flag's text names it: <c>full-width-parentheses （）</c>.</summary>
    public string Text => $"{Class} {Characters}";
}

/// <summary>
/// The characters of a name measured against the standard of <see cref="PlaceSpelling.CheckName"/> (the one rule,
/// <c>place-name-han</c>: Han characters with a reading in the shipped table, and Arabic digits). A new name must meet
/// it; a name already in force is recorded as written, flagged <see cref="Flag"/> with the classes found here: the
/// qualifiers of the official lists in parentheses (中国矿业大学（北京）社区居委会), the enumeration comma (田林一、二村),
/// Latin letters (温泉花园A区), full-width digits (八五一０农场), other punctuation (华润·凌江社区), Han characters the
/// table has no reading for and private-use characters (a bureau's own glyphs). Characters that cannot be part of
/// written text at all (controls, format characters, unpaired surrogates, unassigned code points, line separators)
/// are <see cref="Unprintable"/>: a name holding one is refused even when in force. Pure; thread-safe.
/// </summary>
public static class NameCharacters
{
    /// <summary>The flag of a recorded name with characters outside the standard (and the rule of its report rows).</summary>
    public const string Flag = "characters-outside-standard";

    public const string FullWidthParentheses = "full-width-parentheses";
    public const string Parentheses = "parentheses";
    public const string EnumerationComma = "enumeration-comma";
    public const string LatinLetters = "latin-letters";
    public const string FullWidthDigits = "full-width-digits";
    public const string Punctuation = "punctuation";
    public const string HanWithoutReading = "han-without-reading";
    public const string PrivateUse = "private-use";
    public const string OtherScript = "other-script";
    public const string Symbols = "symbols";
    public const string Spaces = "spaces";
    public const string Unprintable = "unprintable";

    /// <summary>Whether the code point meets the standard: an Arabic digit, or a Han character with a reading.</summary>
    public static bool IsStandard(int codePoint) =>
        codePoint is >= '0' and <= '9'
        || (PinyinTable.IsHan(codePoint) && PinyinTable.Shared.ReadingsOf(codePoint).Count > 0);

    /// <summary>The class of a code point outside the standard; null when it meets it.</summary>
    public static string? ClassOf(int codePoint)
    {
        if (IsStandard(codePoint))
        {
            return null;
        }

        if (PinyinTable.IsHan(codePoint))
        {
            return HanWithoutReading;
        }

        switch (codePoint)
        {
            case '\uFF08' or '\uFF09':
                return FullWidthParentheses;
            case '(' or ')':
                return Parentheses;
            case '\u3001':
                return EnumerationComma;
            case >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= 0xFF21 and <= 0xFF3A or >= 0xFF41 and <= 0xFF5A:
                return LatinLetters;
            case >= 0xFF10 and <= 0xFF19:
                return FullWidthDigits;
            case 0xFFFD or (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF or < 0:
                return Unprintable;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.PrivateUse => PrivateUse,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => Punctuation,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber => OtherScript,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => Symbols,
            UnicodeCategory.SpaceSeparator => Spaces,
            _ => Unprintable,
        };
    }

    /// <summary>The classes of the name's characters outside the standard, in the order first met, each with its
    /// characters (each once, as written).</summary>
    public static IReadOnlyList<NameCharacterClass> OutsideOf(string name) => Outside(PinyinTable.CodePoints(name));

    /// <summary>The classes of the characters outside the standard among <paramref name="codePoints"/> (see
    /// <see cref="OutsideOf"/>).</summary>
    public static IReadOnlyList<NameCharacterClass> Outside(IReadOnlyList<int> codePoints)
    {
        var found = new List<(string Class, StringBuilder Characters, HashSet<int> Seen)>();
        foreach (var point in codePoints)
        {
            if (ClassOf(point) is not { } kind)
            {
                continue;
            }

            var entry = found.FirstOrDefault(f => f.Class == kind);
            if (entry.Class is null)
            {
                entry = (kind, new StringBuilder(), []);
                found.Add(entry);
            }

            if (entry.Seen.Add(point))
            {
                entry.Characters.Append(Show(point));
            }
        }

        return found.Select(f => new NameCharacterClass(f.Class, f.Characters.ToString())).ToList();
    }

    /// <summary>A code point as text, or U+XXXX when it cannot be shown (controls, surrogates, spaces, and
    /// private-use characters, which no common font draws).</summary>
    public static string Show(int codePoint) =>
        codePoint is >= 0x21 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) and not (>= 0x7F and <= 0xA0)
        && ClassOf(codePoint) is not (Unprintable or Spaces or PrivateUse)
            ? char.ConvertFromUtf32(codePoint)
            : $"U+{codePoint:X4}";

    /// <summary>The classes as a flag's text: <c>full-width-parentheses （）; latin-letters A</c>.</summary>
    public static string Describe(IReadOnlyList<NameCharacterClass> classes) =>
        string.Join("; ", classes.Select(c => c.Text));
}
