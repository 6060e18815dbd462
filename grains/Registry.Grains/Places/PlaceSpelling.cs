using System.Globalization;
using System.Text;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Grains.Places.Spelling;

namespace Registry.Grains.Places;

/// <summary>
/// Standard names and their Hanyu Pinyin spelling per the 1984 rules for spelling Chinese place names
/// (中国地名汉语拼音字母拼写规则, 汉语地名部分) and GB/T 16159-2012. The rules live in the units of
/// <see cref="Spelling"/>: <see cref="SpellingLayouts"/> lists every allowed division into words, most likely first,
/// and <see cref="SpellingMatcher"/> matches a written spelling to one of them. A spelling any rule allows is
/// accepted; a refusal names the rule it breaks. Pure; thread-safe.
/// </summary>
public static class PlaceSpelling
{
    public const int MaxNameLength = 40;

    private const int MaxAlternatives = 12;

    /// <summary>The name's code points; throws <c>place-name-han</c> unless every one is a Han character with a
    /// reading in the table or an Arabic digit (1203高地): the one rule a new name follows
    /// (<see cref="NameCharacters.IsStandard"/>). A name already in force asks <see cref="CheckNameInForce"/> instead,
    /// which flags what this refuses.</summary>
    public static IReadOnlyList<int> CheckName(string? name, string field = "name")
    {
        var points = CheckNameText(name, field);
        if (points.FirstOrDefault(p => !NameCharacters.IsStandard(p), -1) is var point and not -1)
        {
            throw DomainException.Invalid("place-name-han", field,
                $"A standard name is written in standard Han characters (and Arabic digits) only; '{NameCharacters.Show(point)}' is not one with a known reading.");
        }

        if (points.All(p => p is >= '0' and <= '9'))
        {
            throw DomainException.Invalid("place-name-han", field, "A standard name has at least one Han character.");
        }

        return points;
    }

    /// <summary>
    /// The characters of a name already in force (the official lists, the bureau's records) that the standard of
    /// <see cref="CheckName"/> would refuse, by class (<see cref="NameCharacters"/>): such a name is recorded as
    /// written and flagged with them, not refused. Refuses only what is no name at all: an empty or over-long one
    /// (<c>field-required</c>, <c>place-name-length</c>), one with a character that cannot be written
    /// (<c>place-name-characters</c>: controls, unassigned code points), one with neither a Han character nor a letter
    /// (<c>place-name-han</c>).
    /// </summary>
    public static IReadOnlyList<NameCharacterClass> CheckNameInForce(string? name, string field = "name")
    {
        var points = CheckNameText(name, field);
        var outside = NameCharacters.Outside(points);
        if (outside.FirstOrDefault(c => c.Class == NameCharacters.Unprintable) is { } unprintable)
        {
            throw DomainException.Invalid("place-name-characters", field,
                $"A name is written text; {unprintable.Characters} cannot be written in one.");
        }

        if (!points.Any(p => PinyinTable.IsHan(p) || NameCharacters.ClassOf(p) is NameCharacters.LatinLetters
                or NameCharacters.PrivateUse or NameCharacters.OtherScript))
        {
            throw DomainException.Invalid("place-name-han", field, "A name has at least one Han character or letter.");
        }

        return outside;
    }

    private static IReadOnlyList<int> CheckNameText(string? name, string field)
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

        return points;
    }

    /// <summary>
    /// The likely Roman spelling of a name in force with characters outside the standard
    /// (<see cref="CheckNameInForce"/>), and whether every character was spelled. The name is read in its
    /// compatibility form (full-width letters, digits and brackets as their ASCII forms: 八五一０ as 八五一0); each run
    /// of standard characters is spelled by the rules as a name of the category (<see cref="Suggest"/>); a qualifier
    /// keeps its brackets as ASCII parentheses with its spelling inside (中国矿业大学（北京）社区 Zhongguokuangyedaxue
    /// (Beijing) Shequ); the enumeration comma is written as a comma; Latin letters are kept as written (温泉花园A区
    /// Wenquanhuayuan A Qu); other punctuation and symbols are kept as written, joining their neighbours. A character
    /// with no known reading (a rare Han character, a private-use glyph, another script) is kept as written and the
    /// spelling is not complete: its homophone key is not taken, and a registrar supplies the spelling.
    /// </summary>
    public static (string Romanization, bool Complete) SuggestInForce(string name, PlaceCategory category)
    {
        var text = name.Normalize(NormalizationForm.FormKC);
        var tokens = new List<(string Text, char Kind)>(); // w: word, o: opening, c: closing or comma, j: joiner
        var run = new StringBuilder();
        var latin = new StringBuilder();
        var complete = true;
        void Flush()
        {
            if (run.Length > 0)
            {
                tokens.Add((SpellRun(run.ToString(), category), 'w'));
                run.Clear();
            }

            if (latin.Length > 0)
            {
                tokens.Add((latin.ToString(), 'w'));
                latin.Clear();
            }
        }

        foreach (var rune in text.EnumerateRunes())
        {
            var point = rune.Value;
            if (NameCharacters.IsStandard(point))
            {
                if (latin.Length > 0)
                {
                    Flush();
                }

                run.Append(rune.ToString());
                continue;
            }

            if (point is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                if (run.Length > 0)
                {
                    Flush();
                }

                latin.Append((char)point);
                continue;
            }

            Flush();
            var kind = CharUnicodeInfo.GetUnicodeCategory(point);
            switch (NameCharacters.ClassOf(point))
            {
                case NameCharacters.Spaces:
                    break;
                case NameCharacters.Parentheses or NameCharacters.Punctuation or NameCharacters.Symbols
                    when kind == UnicodeCategory.OpenPunctuation:
                    tokens.Add(("(", 'o'));
                    break;
                case NameCharacters.Parentheses or NameCharacters.Punctuation or NameCharacters.Symbols
                    when kind == UnicodeCategory.ClosePunctuation:
                    tokens.Add((")", 'c'));
                    break;
                case NameCharacters.EnumerationComma:
                    tokens.Add((",", 'c'));
                    break;
                case NameCharacters.Punctuation when point is ',' or ';' or ':' or '，':
                    tokens.Add((rune.ToString(), 'c'));
                    break;
                case NameCharacters.Punctuation or NameCharacters.Symbols:
                    tokens.Add((rune.ToString(), 'j'));
                    break;
                default:
                    // A character with no reading: kept as written, as a word of its own.
                    complete = false;
                    tokens.Add((rune.ToString(), 'w'));
                    break;
            }
        }

        Flush();
        var spelled = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (token, kind) = tokens[i];
            if (i > 0 && kind == 'w' && tokens[i - 1].Kind is 'w' or 'c' || kind == 'o' && i > 0 && tokens[i - 1].Kind != 'j')
            {
                spelled.Append(' ');
            }

            spelled.Append(token);
        }

        return (spelled.ToString(), complete);
    }

    /// <summary>A run of standard characters spelled as a name of the category; digits alone as written.</summary>
    private static string SpellRun(string run, PlaceCategory category)
    {
        if (run.All(char.IsAsciiDigit))
        {
            return run;
        }

        try
        {
            return Suggest(run, category).Romanization;
        }
        catch (DomainException)
        {
            // Longer than a standard name (only a compatibility form can grow): each character by its first reading.
            var text = new NameText(run);
            return string.Concat(Enumerable.Range(0, text.Count)
                .Select(i => text.IsDigits(i) ? text.Text(i) : text.AllReadings(i)[0]));
        }
    }

    /// <summary>
    /// The likely spelling, the other allowed ones, and the characters whose place-name reading is not known (the
    /// suggestion uses their first reading; a registrar chooses).
    /// </summary>
    public static SpellingSuggestion Suggest(string name, PlaceCategory category)
    {
        CheckName(name);
        var text = new NameText(name);
        var layouts = SpellingLayouts.For(text, category).Accepted;
        var rendered = layouts.Select(l => Render(text, l)).ToList();
        // Where the place-name reading is unknown, the other readings are listed too rather than guessed.
        foreach (var i in Enumerable.Range(0, text.Count).Where(i => text.IsHan(i) && !text.ReadingKnown(i)).Take(3))
        {
            rendered.AddRange(text.AllReadings(i).Skip(1).Select(r => Render(text, layouts[0], (i, r))));
        }

        rendered = rendered.Distinct(StringComparer.Ordinal).ToList();
        var characters = Enumerable.Range(0, text.Count).Where(text.IsHan)
            .Select(i => new CharacterReadings(text.Text(i), text.Readings(i).ToList())).ToList();
        var undetermined = Enumerable.Range(0, text.Count).Where(i => text.IsHan(i) && !text.ReadingKnown(i))
            .Select(i => new CharacterReadings(text.Text(i), text.AllReadings(i).ToList())).ToList();
        return new SpellingSuggestion(name, rendered[0], characters)
        {
            Alternatives = rendered.Skip(1).Take(MaxAlternatives).ToList(),
            Undetermined = undetermined,
        };
    }

    /// <summary>
    /// Checks <paramref name="romanization"/> as the spelling of <paramref name="name"/> (already checked by
    /// <see cref="CheckName"/>); throws a 400 naming the rule broken. Tone marks are accepted and ignored.
    /// </summary>
    public static void CheckSpelling(string name, string? romanization, PlaceCategory category,
        string field = "romanization")
    {
        var written = WrittenSpelling.Parse(romanization, field);
        var text = new NameText(name);
        var layouts = SpellingLayouts.For(text, category);
        if (Any(layouts.Accepted, MatchMode.Strict))
        {
            return;
        }

        var relaxed = new MatchMode(false, false);
        if (layouts.Minority is { } minority && Any(layouts.Refused, relaxed))
        {
            throw DomainException.Invalid("romanization-minority-language", field,
                $"{minority.Specific} is transliterated from its own language, not spelled from the characters: '{Render(text, layouts.Accepted[0])}' ({minority.Source}).");
        }

        if (Any(layouts.Accepted, new MatchMode(true, false)))
        {
            throw DomainException.Invalid("romanization-apostrophe", field,
                $"A syllable beginning with a, o or e inside a word is preceded by an apostrophe, and no other is (rule 11): '{Render(text, layouts.Accepted[0])}'.");
        }

        if (Any(layouts.Accepted, new MatchMode(false, true)) || Any(layouts.Accepted, relaxed))
        {
            var fixedReadings = Enumerable.Range(0, text.Count)
                .Where(i => text.IsHan(i) && text.Readings(i).Count < text.AllReadings(i).Count)
                .Select(i => text.Text(i));
            throw DomainException.Invalid("romanization-place-reading", field,
                $"In this place name {string.Concat(fixedReadings)} takes its place-name reading (rule 8): '{Render(text, layouts.Accepted[0])}'.");
        }

        if (written.Any(w => w.IsDigits))
        {
            throw DomainException.Invalid("romanization-numerals", field,
                $"Arabic numerals are written only for codes and the ordinals of streets and lanes (rules 6, 7): '{Render(text, layouts.Accepted[0])}'.");
        }

        var joined = new WrittenWord(string.Concat(written.Select(w => w.Original)), string.Concat(written.Select(w => w.Letters)), new HashSet<int>());
        if (!Enumerable.Range(0, text.Count).Any(text.IsDigits)
            && SpellingMatcher.AlignWord(text, 0, text.Count, joined, relaxed))
        {
            throw DomainException.Invalid("romanization-word-separation", field,
                "The specific and the generic are written apart (also a one-character specific), a one-syllable modifier joins what it modifies and a longer one stands apart, a natural village is one word: "
                + $"'{Render(text, layouts.Accepted[0])}' shows the separation expected.");
        }

        Diagnose(written, text.Count, field);
        throw DomainException.Invalid("romanization-reading", field,
            "The spelling does not match the readings of the name's characters.");

        bool Any(IReadOnlyList<WordLayout> candidates, MatchMode mode) =>
            candidates.Any(layout => SpellingMatcher.Matches(text, layout, written, mode));
    }

    /// <summary>
    /// Checks a spelling: Hanyu Pinyin by the rules, or, when <paramref name="minority"/> is given, a capitalised
    /// Latin transliteration from the named language with a reason (both required; the reason is audited).
    /// </summary>
    public static void CheckSpelling(string name, string? romanization, PlaceCategory category,
        MinorityLanguageSpelling? minority)
    {
        if (minority is null)
        {
            CheckSpelling(name, romanization, category);
            return;
        }

        if (string.IsNullOrWhiteSpace(minority.Language))
        {
            throw DomainException.Invalid("field-required", "minorityLanguage.language",
                "A minority-language spelling names the language it is transliterated from.");
        }

        if (string.IsNullOrWhiteSpace(minority.Reason))
        {
            throw DomainException.Invalid("field-required", "minorityLanguage.reason",
                "A minority-language spelling gives the reason (its source) for the audit trail.");
        }

        WrittenSpelling.CheckLatin(romanization, "romanization");
    }

    /// <summary>The toneless spelling key used by the homophone check: letters only, lower case.</summary>
    public static string SpellingKey(string romanization) =>
        new(PinyinTable.Toneless(romanization).Where(c => c is >= 'a' and <= 'z' or 'ü' or 'ê').ToArray());

    private static string Render(NameText name, WordLayout layout, (int Unit, string Reading)? instead = null)
    {
        var words = new List<string>();
        foreach (var word in layout.Words)
        {
            if (word.Literal is not null)
            {
                words.Add(word.Literal);
                continue;
            }

            var text = new StringBuilder();
            for (var i = word.Start; i < word.End; i++)
            {
                var syllable = i > word.Start && name.Text(i) == "儿" ? "r"
                    : instead is { } other && other.Unit == i ? other.Reading : name.Readings(i)[0];
                if (i > word.Start && syllable != "r" && syllable[0] is 'a' or 'o' or 'e')
                {
                    text.Append('\'');
                }

                text.Append(i == word.Start ? char.ToUpperInvariant(syllable[0]) + syllable[1..] : syllable);
            }

            words.Add(text.ToString());
        }

        return string.Join(' ', words);
    }

    /// <summary>Why no alignment exists: not Mandarin syllables, or the wrong number of them.</summary>
    private static void Diagnose(IReadOnlyList<WrittenWord> words, int units, string field)
    {
        var count = 0;
        foreach (var word in words)
        {
            if (word.IsDigits)
            {
                count++;
                continue;
            }

            var fewest = FewestSyllables(word.Letters);
            if (fewest is null)
            {
                throw DomainException.Invalid("romanization-syllable", field,
                    $"'{word.Original}' cannot be divided into Mandarin syllables.");
            }

            count += fewest.Value;
        }

        if (count != units)
        {
            throw DomainException.Invalid("romanization-syllable-count", field,
                $"The name has {units} characters, so its spelling has {units} syllables, one per character; this spelling reads as {count}.");
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
}
