using System.Globalization;
using System.Text;

namespace Registry.Api.Text;

/// <summary>
/// The one text policy of the API, applied to every string of a request before any endpoint runs: the text is put in
/// Unicode normalisation form C (so the same name is always stored and compared as the same code points); control,
/// format (zero-width, bidirectional overrides), private-use, unassigned and separator characters are refused (rule
/// <c>text-forbidden-character</c>), except tab, line feed, carriage return and the zero-width (non-)joiners in free
/// text; every string has a maximum length in code points (rule <c>text-too-long</c>); a person's name must be one an
/// identity document can hold (rule <c>person-name-format</c>). The kind of a field comes from a
/// <see cref="TextPolicyAttribute"/> or, failing that, from its JSON name (<see cref="KindOf"/>): a field nobody
/// classified is a <see cref="TextKind.Line"/>, the strictest kind, so a new endpoint is covered without edits here.
/// </summary>
public static class TextPolicy
{
    public const string ForbiddenCharacterRule = "text-forbidden-character";

    public const string TooLongRule = "text-too-long";

    public const string PersonNameRule = "person-name-format";

    /// <summary>Names, codes, numbers, short labels.</summary>
    public const int LineMaxLength = 256;

    /// <summary>A reason, a meaning, findings, a note.</summary>
    public const int FreeTextMaxLength = 4_000;

    /// <summary>A document's text: a divorce agreement, an annual report's activities.</summary>
    public const int DocumentMaxLength = 20_000;

    /// <summary>
    /// A person's name: a resident ID card prints long transliterated names over two lines, a passport's visual zone
    /// holds more than the 39 characters of its machine-readable zone; 64 covers both.
    /// </summary>
    public const int PersonNameMaxLength = 64;

    private const char MiddleDot = '\u00B7';

    private static readonly Dictionary<string, (TextKind Kind, int MaxLength)> Conventions =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["reason"] = (TextKind.FreeText, FreeTextMaxLength),
            ["reasons"] = (TextKind.FreeText, FreeTextMaxLength),
            ["lateFilingReason"] = (TextKind.FreeText, FreeTextMaxLength),
            ["meaning"] = (TextKind.FreeText, FreeTextMaxLength),
            ["findings"] = (TextKind.FreeText, FreeTextMaxLength),
            ["ground"] = (TextKind.FreeText, FreeTextMaxLength),
            ["note"] = (TextKind.FreeText, FreeTextMaxLength),
            ["notes"] = (TextKind.FreeText, FreeTextMaxLength),
            ["description"] = (TextKind.FreeText, FreeTextMaxLength),
            ["locationDescription"] = (TextKind.FreeText, FreeTextMaxLength),
            ["businessScope"] = (TextKind.FreeText, FreeTextMaxLength),
            ["address"] = (TextKind.Line, 500),
            ["agreement"] = (TextKind.FreeText, DocumentMaxLength),
            ["activities"] = (TextKind.FreeText, DocumentMaxLength),
            ["majorActivities"] = (TextKind.FreeText, DocumentMaxLength),
            ["rectificationReport"] = (TextKind.FreeText, DocumentMaxLength),
            ["correctedName"] = (TextKind.PersonName, PersonNameMaxLength),
            ["legalRepresentative"] = (TextKind.PersonName, PersonNameMaxLength),
            ["signatory"] = (TextKind.PersonName, PersonNameMaxLength),
        };

    /// <summary>The kind and maximum length of a field: from its attribute, else from its JSON name, else a line.</summary>
    public static (TextKind Kind, int MaxLength) KindOf(string jsonName, TextPolicyAttribute? attribute)
    {
        if (attribute is not null)
        {
            return (attribute.Kind, attribute.MaxLength > 0 ? attribute.MaxLength : DefaultMaxLength(attribute.Kind));
        }

        return Conventions.TryGetValue(jsonName, out var found) ? found : (TextKind.Line, LineMaxLength);
    }

    public static int DefaultMaxLength(TextKind kind) => kind switch
    {
        TextKind.FreeText => FreeTextMaxLength,
        TextKind.PersonName => PersonNameMaxLength,
        _ => LineMaxLength,
    };

    /// <summary>The text in form C; throws <see cref="TextPolicyException"/> naming the rule it breaks.</summary>
    public static string Apply(string value, TextKind kind, int maxLength)
    {
        // Checked on the raw text first, so a 10 MB string is refused without normalising it (form C at most
        // triples a text's length).
        if (value.Length > 3 * maxLength)
        {
            throw TooLong(maxLength);
        }

        if (FirstForbidden(value, kind) is { } forbidden)
        {
            throw new TextPolicyException(ForbiddenCharacterRule, $"The text contains {forbidden}, which is not allowed here.");
        }

        var text = value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
        if (CodePointCount(text) > maxLength)
        {
            throw TooLong(maxLength);
        }

        if (kind == TextKind.PersonName && text.Length > 0 && !IsPersonName(text))
        {
            throw new TextPolicyException(PersonNameRule,
                "A person's name is written as on the identity document: Han characters, with '·' (U+00B7) between " +
                "the parts of a transliterated name, or Latin letters with single spaces, hyphens, apostrophes, " +
                "full stops or commas between them.");
        }

        return text;
    }

    /// <summary>A description of the first character <paramref name="kind"/> forbids (e.g. <c>U+202E (format)</c>),
    /// or null when there is none. An unpaired surrogate is forbidden everywhere.</summary>
    public static string? FirstForbidden(string text, TextKind kind)
    {
        if (!IsWellFormed(text))
        {
            return "an unpaired surrogate (not a Unicode character)";
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!Allowed(rune, kind))
            {
                return $"U+{rune.Value:X4} ({Rune.GetUnicodeCategory(rune)})";
            }
        }

        return null;
    }

    /// <summary>Whether every surrogate of <paramref name="text"/> is half of a pair (the text is valid UTF-16).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Allowed(Rune rune, TextKind kind) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control => kind == TextKind.FreeText && rune.Value is '\t' or '\n' or '\r',
        UnicodeCategory.Format => kind == TextKind.FreeText && rune.Value is 0x200C or 0x200D,
        UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };

    private static int CodePointCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static TextPolicyException TooLong(int maxLength) =>
        new(TooLongRule, $"The text is longer than {maxLength} characters.");

    /// <summary>Han characters joined by single middle dots, or Latin letters joined by single separators.</summary>
    private static bool IsPersonName(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        if (runes.All(r => IsHan(r) || r.Value == MiddleDot))
        {
            return IsHan(runes[0]) && IsHan(runes[^1]) && !text.Contains("··", StringComparison.Ordinal);
        }

        var previousWasLetter = false;
        foreach (var rune in runes)
        {
            if (IsLatinLetter(rune))
            {
                previousWasLetter = true;
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark && previousWasLetter)
            {
                // a combining accent with no precomposed form, on the letter before it
            }
            else if (rune.Value is ' ' or '-' or '\'' or '\u2019' or '.' or ',' && previousWasLetter)
            {
                // one separator after a letter: "Jean-Luc", "O'Brien", "Jr.", "SMITH, JOHN" (a space may follow . or ,)
                previousWasLetter = rune.Value is '.' or ',';
            }
            else
            {
                return false;
            }
        }

        return IsLatinLetter(runes[^1]) || runes[^1].Value == '.';
    }

    private static bool IsLatinLetter(Rune rune) =>
        Rune.IsLetter(rune) && rune.Value is <= 0x024F or (>= 0x1E00 and <= 0x1EFF);

    /// <summary>CJK unified ideographs (basic block, extension A, extensions B to I in planes 2 and 3), compatibility
    /// ideographs, and 〇.</summary>
    private static bool IsHan(Rune rune) =>
        rune.Value is 0x3007 or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF)
        || (rune.Value is >= 0x20000 and <= 0x3FFFF && Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter);
}
