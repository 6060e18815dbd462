namespace Registry.Grains.Places.Spelling;

/// <summary>One written word of a spelling: units [Start, End) of the name spelled in pinyin, or written as
/// <see cref="Literal"/> (an ordinal in Arabic numerals, a run of digits, or a minority-language form).</summary>
public sealed record LayoutWord(int Start, int End, string? Literal = null);

/// <summary>An allowed division of a name into written words.</summary>
public sealed record WordLayout(IReadOnlyList<LayoutWord> Words)
{
    /// <summary>Words from word starts over [0, end): the units between two starts are one word.</summary>
    public static IReadOnlyList<LayoutWord> FromStarts(IEnumerable<int> starts, int end)
    {
        var sorted = starts.Distinct().Order().ToList();
        return sorted.Select((s, i) => new LayoutWord(s, i + 1 < sorted.Count ? sorted[i + 1] : end)).ToList();
    }

    /// <summary>The same layout with every run of Arabic digits in the name its own word (1203高地 1203 Gaodi).</summary>
    public WordLayout WithDigitsApart(NameText name)
    {
        var words = new List<LayoutWord>();
        foreach (var word in Words)
        {
            if (word.Literal is not null)
            {
                words.Add(word);
                continue;
            }

            var start = word.Start;
            for (var i = word.Start; i < word.End; i++)
            {
                if (name.IsDigits(i))
                {
                    if (i > start)
                    {
                        words.Add(new LayoutWord(start, i));
                    }

                    words.Add(new LayoutWord(i, i + 1, name.Text(i)));
                    start = i + 1;
                }
            }

            if (start < word.End)
            {
                words.Add(new LayoutWord(start, word.End));
            }
        }

        return new WordLayout(words);
    }

    public string Key => string.Join("|", Words.Select(w => $"{w.Start}-{w.End}:{w.Literal}"));
}
