using System.Globalization;

namespace Registry.Grains.Places.Spelling;

/// <summary>
/// Rules 6 and 7 of the 1984 rules: numerals in place names are spelled in pinyin (五指山 Wuzhi Shan, 三八路 Sanba Lu,
/// 五一广场 Wuyi Guangchang), but codes and the ordinals of streets and lanes are Arabic numerals, each a word (二马路
/// 2 Malu, 经五路 Jing 5 Lu, 三环路 3 Huan Lu, 大川淀一巷 Dachuandian 1 Xiang, 东四十二条 Dongsi 12 Tiao). An ordinal
/// is a well-formed numeral directly before the street generic or one character before it, the whole run of numeral
/// characters unless what precedes it is a known name (东四 in 东四十二条; 三八路 stays Sanba Lu); as the system cannot
/// know every ordinal, the pinyin form stays accepted and the Arabic form is suggested.
/// </summary>
public static class OrdinalNumbers
{
    /// <summary>Characters after an ordinal that the printed examples show before the generic (三环路, 二马路); with
    /// any other character between (七都路, 三合路) the Arabic form is allowed but the pinyin one is suggested.</summary>
    public const string OrdinalCompanions = "环马";

    /// <summary>Layouts with a numeral before <paramref name="genericStart"/> written in Arabic numerals, likely first;
    /// <paramref name="likely"/> selects those to suggest before the pinyin form, or the others.</summary>
    public static IReadOnlyList<WordLayout> Variants(NameText name, int genericStart, bool likely = true) =>
        AllVariants(name, genericStart)
            .Where(v => likely == (v.End == genericStart || OrdinalCompanions.Contains(name.Text(v.End), StringComparison.Ordinal)))
            .Select(v => v.Layout)
            .ToList();

    private static IEnumerable<(WordLayout Layout, int End)> AllVariants(NameText name, int genericStart)
    {
        var found = new List<(int Start, int End, int Value)>();
        foreach (var end in new[] { genericStart, genericStart - 1 })
        {
            if (end < genericStart && end > 0 && name.IsHan(end)
                && ChineseNumber.Characters.Contains(name.Text(end), StringComparison.Ordinal))
            {
                continue;
            }

            for (var start = end - 1; start >= 0 && end > 0; start--)
            {
                if (!name.IsHan(start) || !ChineseNumber.Characters.Contains(name.Text(start), StringComparison.Ordinal))
                {
                    break;
                }

                var maximal = start == 0 || !name.IsHan(start - 1)
                    || !ChineseNumber.Characters.Contains(name.Text(start - 1), StringComparison.Ordinal);
                if ((maximal || name.IsKnownSpecific(0, start)) && ChineseNumber.Parse(name.Slice(start, end)) is { } value)
                {
                    found.Add((start, end, value));
                }
            }
        }

        var layouts = new List<(WordLayout, int)>();
        foreach (var (start, end, value) in found
                     .OrderBy(f => name.IsKnownSpecific(0, f.Start) ? 0 : 1)
                     .ThenBy(f => f.End == genericStart ? 0 : 1)
                     .ThenBy(f => f.Start))
        {
            IReadOnlyList<IReadOnlyList<int>> before = start == 0 ? [Array.Empty<int>()] : SpecificWords.Splits(name, 0, start);
            foreach (var split in before)
            {
                var words = WordLayout.FromStarts(split, start).ToList();
                words.Add(new LayoutWord(start, end, value.ToString(CultureInfo.InvariantCulture)));
                if (end < genericStart)
                {
                    words.Add(new LayoutWord(end, genericStart));
                }

                words.Add(new LayoutWord(genericStart, name.Count));
                layouts.Add((new WordLayout(words), end));
            }
        }

        return layouts;
    }
}
