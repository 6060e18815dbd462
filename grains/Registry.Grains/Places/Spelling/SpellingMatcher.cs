namespace Registry.Grains.Places.Spelling;

/// <summary>How strictly a written spelling is matched to a layout.</summary>
/// <param name="PlaceReadings">Only the place-name reading of a word the table knows (rule 8), else any reading.</param>
/// <param name="Apostrophes">Rule 11 enforced: an apostrophe before, and only before, a non-initial syllable of a word
/// beginning with a, o or e (西安 Xi'an, 建瓯 Jian'ou, 天峨 Tian'e).</param>
public sealed record MatchMode(bool PlaceReadings, bool Apostrophes)
{
    public static MatchMode Strict { get; } = new(true, true);
}

/// <summary>
/// Whether written words spell a name in a given layout: one syllable per character, each a reading of it; rule 12
/// (地名汉字书写中有"儿"字的儿化音用"r"表示,没有"儿"字的不予表示): a 儿 inside a word may be the erhua r (盆儿胡同 Penr
/// Hutong) and an r appears nowhere else. Pure.
/// </summary>
public static class SpellingMatcher
{
    public static bool Matches(NameText name, WordLayout layout, IReadOnlyList<WrittenWord> written, MatchMode mode)
    {
        var expected = new List<(LayoutWord Word, string? Literal)>();
        foreach (var word in layout.Words)
        {
            if (word.Literal is null)
            {
                expected.Add((word, null));
            }
            else
            {
                expected.AddRange(word.Literal.Split(' ').Select(part => (word, (string?)part)));
            }
        }

        if (expected.Count != written.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var ok = expected[i].Literal is { } literal
                ? string.Equals(literal.Replace('\u2019', '\''), written[i].Original.Replace('\u2019', '\''), StringComparison.OrdinalIgnoreCase)
                : AlignWord(name, expected[i].Word.Start, expected[i].Word.End, written[i], mode);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the word's letters are the syllables of units [start, end).</summary>
    public static bool AlignWord(NameText name, int start, int end, WrittenWord word, MatchMode mode)
    {
        var letters = word.Letters;
        if (mode.Apostrophes && (word.Apostrophes.Contains(0) || word.Apostrophes.Contains(letters.Length)))
        {
            return false;
        }

        return Step(0, start);

        bool Step(int position, int unit)
        {
            if (unit == end)
            {
                return position == letters.Length;
            }

            if (name.IsDigits(unit))
            {
                return false;
            }

            foreach (var reading in SyllablesOf(unit))
            {
                if (position + reading.Length > letters.Length
                    || string.CompareOrdinal(letters, position, reading, 0, reading.Length) != 0)
                {
                    continue;
                }

                if (mode.Apostrophes)
                {
                    var needs = position > 0 && reading != "r" && reading[0] is 'a' or 'o' or 'e';
                    if (needs != (position > 0 && word.Apostrophes.Contains(position))
                        || word.Apostrophes.Any(p => p > position && p < position + reading.Length))
                    {
                        continue;
                    }
                }

                if (Step(position + reading.Length, unit + 1))
                {
                    return true;
                }
            }

            return false;
        }

        IEnumerable<string> SyllablesOf(int unit)
        {
            var readings = mode.PlaceReadings ? name.Readings(unit) : name.AllReadings(unit);
            return unit > start && name.Text(unit) == "儿" ? [.. readings, "r"] : readings;
        }
    }
}
