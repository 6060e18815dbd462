using System.Text;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// Standard names and their Hanyu Pinyin spelling per GB/T 16159-2012 as applied to place names: every syllable a
/// Mandarin syllable of the shipped table and a reading of its character, one syllable per character, an apostrophe
/// before a, o, e opening a non-initial syllable of a word (and nowhere else), each word capitalised, the specific
/// part and the generic part written as separate words (a one-character specific is written together with its
/// generic; a village name is one word). Pure; thread-safe.
/// </summary>
public static class PlaceSpelling
{
    public const int MaxNameLength = 40;

    /// <summary>
    /// Generic parts (通名) recognised at the end of a name, longest first: the terms the regulations and GB/T 16159
    /// treat as generic for the eight categories.
    /// </summary>
    private static readonly string[] Generics =
    [
        "自治州", "自治县", "自治旗", "开发区", "居委会", "村委会",
        "街道", "大街", "大道", "胡同", "社区", "地区", "新区", "公园", "广场", "水库", "大桥", "车站", "机场", "码头",
        "小区", "大厦", "山脉", "半岛", "群岛", "林场", "农场", "景区", "苏木",
        "省", "市", "县", "区", "旗", "盟", "州", "镇", "乡", "街", "路", "道", "巷", "弄", "里", "山", "峰", "岭",
        "河", "江", "湖", "海", "湾", "岛", "泉", "溪", "桥", "站", "港", "园", "苑", "楼", "塔", "村",
    ];

    /// <summary>The name's code points; throws <c>place-name-han</c> unless every one is a Han character with a
    /// reading in the table.</summary>
    public static IReadOnlyList<int> CheckName(string? name, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        var points = PinyinTable.CodePoints(name);
        if (points.Count > MaxNameLength)
        {
            throw DomainException.Invalid("place-name-length", field,
                $"A standard name has at most {MaxNameLength} characters.");
        }

        foreach (var point in points)
        {
            if (!PinyinTable.IsHan(point) || PinyinTable.Shared.ReadingsOf(point).Count == 0)
            {
                throw DomainException.Invalid("place-name-han", field,
                    $"A standard name is written in standard Han characters only; '{Show(point)}' is not one with a known reading.");
            }
        }

        return points;
    }

    /// <summary>Indexes of the characters that begin a new word after the first (GB/T 16159 word separation).</summary>
    public static IReadOnlySet<int> WordStarts(string name, PlaceCategory category)
    {
        var length = PinyinTable.CodePoints(name).Count;
        if (category == PlaceCategory.VillageSeat)
        {
            return new HashSet<int>();
        }

        var generic = Generics.FirstOrDefault(g => name.EndsWith(g, StringComparison.Ordinal) && name.Length > g.Length);
        if (generic is null)
        {
            return new HashSet<int>();
        }

        var specific = length - PinyinTable.CodePoints(generic).Count;
        return specific >= 2 ? new HashSet<int> { specific } : new HashSet<int>();
    }

    /// <summary>Suggests the spelling from the first reading of each character.</summary>
    public static SpellingSuggestion Suggest(string name, PlaceCategory category)
    {
        var points = CheckName(name);
        var starts = WordStarts(name, category);
        var text = new StringBuilder();
        var characters = new List<CharacterReadings>();
        for (var i = 0; i < points.Count; i++)
        {
            var readings = PinyinTable.Shared.ReadingsOf(points[i]);
            characters.Add(new CharacterReadings(char.ConvertFromUtf32(points[i]), readings));
            var syllable = readings[0];
            var wordStart = i == 0 || starts.Contains(i);
            if (i > 0 && wordStart)
            {
                text.Append(' ');
            }
            else if (i > 0 && syllable[0] is 'a' or 'o' or 'e')
            {
                text.Append('\'');
            }

            text.Append(wordStart ? char.ToUpperInvariant(syllable[0]) + syllable[1..] : syllable);
        }

        return new SpellingSuggestion(name, text.ToString(), characters);
    }

    /// <summary>
    /// Checks <paramref name="romanization"/> as the spelling of <paramref name="name"/> (already checked by
    /// <see cref="CheckName"/>); throws a 400 naming the rule broken. Tone marks are accepted and ignored.
    /// </summary>
    public static void CheckSpelling(string name, string? romanization, PlaceCategory category,
        string field = "romanization")
    {
        if (string.IsNullOrWhiteSpace(romanization))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        var points = PinyinTable.CodePoints(name);
        var words = romanization.Split(' ');
        if (words.Any(w => w.Length == 0))
        {
            throw DomainException.Invalid("romanization-characters", field,
                "Words are separated by exactly one space, with none leading or trailing.");
        }

        var parsed = new List<Word>();
        foreach (var word in words)
        {
            var letters = new StringBuilder();
            var apostrophes = new HashSet<int>();
            // By code point: a character outside the BMP is one letter to refuse, never two halves of a pair.
            foreach (var c in word.EnumerateRunes())
            {
                if (c.Value is '\'' or '\u2019')
                {
                    apostrophes.Add(letters.Length);
                }
                else if (c.IsBmp && IsPinyinLetter((char)c.Value))
                {
                    letters.Append((char)c.Value);
                }
                else
                {
                    throw DomainException.Invalid("romanization-characters", field,
                        $"'{c}' is not a letter of Hanyu Pinyin (a-z, ü, tone marks, apostrophe, space).");
                }
            }

            var original = letters.ToString();
            if (original.Length == 0 || !char.IsUpper(original[0]) || original[1..].Any(char.IsUpper))
            {
                throw DomainException.Invalid("romanization-capitalisation", field,
                    $"Each word is written with a capital first letter and the rest in lower case ('{word}').");
            }

            parsed.Add(new Word(PinyinTable.Toneless(original), apostrophes));
        }

        var alignment = Align(parsed, points);
        if (alignment is null)
        {
            Diagnose(parsed, points, field);
            throw DomainException.Invalid("romanization-reading", field,
                "The spelling does not match the readings of the name's characters.");
        }

        // Word separation
        var expected = WordStarts(name, category);
        var actual = alignment.Where(s => s.Start == 0 && s.Char > 0).Select(s => s.Char).ToHashSet();
        if (!actual.SetEquals(expected))
        {
            throw DomainException.Invalid("romanization-word-separation", field,
                "The specific part and the generic part are written as separate words, each as one word (a one-character specific joins its generic; a village name is one word): "
                + $"'{Suggest(name, category).Romanization}' shows the separation expected.");
        }

        foreach (var syllable in alignment)
        {
            var word = parsed[syllable.Word];
            var needs = syllable.Start > 0 && word.Letters[syllable.Start] is 'a' or 'o' or 'e';
            var has = word.Apostrophes.Contains(syllable.Start);
            if (needs && !has)
            {
                throw DomainException.Invalid("romanization-apostrophe", field,
                    $"A syllable beginning with a, o or e inside a word is preceded by an apostrophe (before '{word.Letters[syllable.Start..syllable.End]}').");
            }
        }

        foreach (var (word, index) in parsed.Select((w, i) => (w, i)))
        {
            foreach (var position in word.Apostrophes)
            {
                if (!alignment.Any(s => s.Word == index && s.Start == position && position > 0
                                        && word.Letters[position] is 'a' or 'o' or 'e'))
                {
                    throw DomainException.Invalid("romanization-apostrophe", field,
                        "An apostrophe stands only before a syllable beginning with a, o or e inside a word.");
                }
            }
        }
    }

    /// <summary>The toneless spelling key used by the homophone check: letters only, lower case.</summary>
    public static string SpellingKey(string romanization) =>
        new(PinyinTable.Toneless(romanization).Where(c => c is >= 'a' and <= 'z' or 'ü' or 'ê').ToArray());

    private static bool IsPinyinLetter(char c)
    {
        var lower = PinyinTable.Toneless(c.ToString());
        return lower.Length == 1 && lower[0] is >= 'a' and <= 'z' or 'ü' or 'ê';
    }

    /// <summary>One syllable per character across the words, each a reading of its character (ignoring apostrophes).</summary>
    private static List<Syllable>? Align(List<Word> words, IReadOnlyList<int> points)
    {
        var path = new List<Syllable>();
        return Step(0, 0, 0) ? path : null;

        bool Step(int word, int start, int character)
        {
            if (word == words.Count)
            {
                return character == points.Count;
            }

            if (start == words[word].Letters.Length)
            {
                return Step(word + 1, 0, character);
            }

            if (character == points.Count)
            {
                return false;
            }

            foreach (var reading in PinyinTable.Shared.ReadingsOf(points[character]))
            {
                if (string.CompareOrdinal(words[word].Letters, start, reading, 0, reading.Length) == 0
                    && start + reading.Length <= words[word].Letters.Length)
                {
                    path.Add(new Syllable(word, start, start + reading.Length, character));
                    if (Step(word, start + reading.Length, character + 1))
                    {
                        return true;
                    }

                    path.RemoveAt(path.Count - 1);
                }
            }

            return false;
        }
    }

    /// <summary>Why no alignment exists: not Mandarin syllables, or the wrong number of them.</summary>
    private static void Diagnose(List<Word> words, IReadOnlyList<int> points, string field)
    {
        var count = 0;
        foreach (var word in words)
        {
            var fewest = FewestSyllables(word.Letters);
            if (fewest is null)
            {
                throw DomainException.Invalid("romanization-syllable", field,
                    $"'{word.Letters}' cannot be divided into Mandarin syllables.");
            }

            count += fewest.Value;
        }

        if (count != points.Count)
        {
            throw DomainException.Invalid("romanization-syllable-count", field,
                $"The name has {points.Count} characters, so its spelling has {points.Count} syllables, one per character; this spelling reads as {count}.");
        }
    }

    private static int? FewestSyllables(string letters)
    {
        var table = PinyinTable.Shared;
        var best = new int?[letters.Length + 1];
        best[0] = 0;
        for (var end = 1; end <= letters.Length; end++)
        {
            for (var length = 1; length <= Math.Min(table.LongestSyllable, end); length++)
            {
                if (best[end - length] is { } before && table.Syllables.Contains(letters.Substring(end - length, length))
                    && (best[end] is null || before + 1 < best[end]))
                {
                    best[end] = before + 1;
                }
            }
        }

        return best[letters.Length];
    }

    private static string Show(int codePoint) =>
        codePoint is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) && codePoint >= 0x20
            ? char.ConvertFromUtf32(codePoint)
            : $"U+{codePoint:X4}";

    private sealed record Word(string Letters, HashSet<int> Apostrophes);

    private sealed record Syllable(int Word, int Start, int End, int Char);
}
