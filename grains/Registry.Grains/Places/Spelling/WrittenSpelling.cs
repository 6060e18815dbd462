using System.Text;
using Registry.Abstractions.Errors;

namespace Registry.Grains.Places.Spelling;

/// <summary>One written word: its toneless lower-case letters, where apostrophes stood, its original text.</summary>
public sealed record WrittenWord(string Original, string Letters, IReadOnlySet<int> Apostrophes)
{
    public bool IsDigits => Letters.Length > 0 && Letters.All(char.IsAsciiDigit);
}

/// <summary>
/// A romanisation as written, parsed at the edge: words separated by single spaces; letters of Hanyu Pinyin (tone marks
/// accepted and ignored), Arabic digits, apostrophes; rule 10 of the 1984 rules (地名中的第一个字母大写,分段书写的,每段
/// 第一个字母大写,其余字母小写。特殊情况可全部大写): each word capitalised, or the whole in capitals (DONG 2 HUAN NANLU).
/// </summary>
public static class WrittenSpelling
{
    public static IReadOnlyList<WrittenWord> Parse(string? romanization, string field)
    {
        if (string.IsNullOrWhiteSpace(romanization))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        var words = romanization.Split(' ');
        if (words.Any(w => w.Length == 0))
        {
            throw DomainException.Invalid("romanization-characters", field,
                "Words are separated by exactly one space, with none leading or trailing.");
        }

        var allCapitals = romanization.Any(char.IsLetter) && !romanization.Any(char.IsLower);
        var parsed = new List<WrittenWord>();
        foreach (var word in words)
        {
            var letters = new StringBuilder();
            var apostrophes = new HashSet<int>();
            foreach (var c in word)
            {
                if (c is '\'' or '\u2019')
                {
                    apostrophes.Add(letters.Length);
                }
                else if (IsPinyinLetter(c) || char.IsAsciiDigit(c))
                {
                    letters.Append(c);
                }
                else
                {
                    throw DomainException.Invalid("romanization-characters", field,
                        $"'{c}' is not a letter of Hanyu Pinyin (a-z, ü, tone marks), a digit, an apostrophe or a space.");
                }
            }

            var original = letters.ToString();
            var digits = original.Count(char.IsAsciiDigit);
            if (original.Length == 0 || (digits > 0 && digits < original.Length))
            {
                throw DomainException.Invalid("romanization-numerals", field,
                    $"A number is written as a word of its own ('{word}'): 经五路 Jing 5 Lu.");
            }

            if (digits == 0 && !allCapitals && (!char.IsUpper(original[0]) || original[1..].Any(char.IsUpper)))
            {
                throw DomainException.Invalid("romanization-capitalisation", field,
                    $"Each word is written with a capital first letter and the rest in lower case, or the whole name in capitals ('{word}').");
            }

            parsed.Add(new WrittenWord(word, PinyinTable.Toneless(original), apostrophes));
        }

        return parsed;
    }

    /// <summary>Letters of a minority-language form recorded by a registrar: any Latin letter with diacritics,
    /// apostrophes, hyphens and spaces; each word capitalised.</summary>
    public static void CheckLatin(string? romanization, string field)
    {
        if (string.IsNullOrWhiteSpace(romanization) || romanization != romanization.Trim() || romanization.Contains("  ", StringComparison.Ordinal))
        {
            throw DomainException.Invalid("romanization-characters", field,
                "Words are separated by exactly one space, with none leading or trailing.");
        }

        foreach (var word in romanization.Split(' '))
        {
            if (word.Any(c => !(char.IsLetter(c) && c < '\u0250' || char.IsAsciiDigit(c) || c is '\'' or '\u2019' or '-'))
                || !(char.IsUpper(word[0]) || char.IsAsciiDigit(word[0])))
            {
                throw DomainException.Invalid("romanization-characters", field,
                    $"'{word}' is not a capitalised word of Latin letters.");
            }
        }
    }

    private static bool IsPinyinLetter(char c)
    {
        var lower = PinyinTable.Toneless(c.ToString());
        return lower.Length == 1 && lower[0] is >= 'a' and <= 'z' or 'ü' or 'ê';
    }
}
