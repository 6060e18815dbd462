namespace Registry.Grains.Places.Spelling;

/// <summary>
/// How a specific is divided into words, most likely first. By default it is one word: a person's name in it is
/// joined (rule 5: 张之洞路 Zhangzhidong Lu, 欧阳海水库 Ouyanghai Shuiku) and a generic that became part of it is
/// written with it (rule 4: 黑龙江省 Heilongjiang Sheng, 景德镇市 Jingdezhen Shi, 解放路南小街 Jiefanglu Nanxiaojie).
/// It is divided only where the rules show a multi-syllable part standing apart:
/// <list type="bullet">
/// <item>a leading 第 with its numeral (rule 2 and rule 6: 第二松花江 Di'er Songhua Jiang), always;</item>
/// <item>before a multi-syllable generic that ends it (rule 4: 包头胡同东巷 Baotou Hutong Dongxiang), likely;</item>
/// <item>after a one-character generic with two or more syllables on each side (rule 2: 广安门北滨河路 Guang'anmen
/// Beibinhe Lu, 天宁寺西里一巷 Tianningsi Xili 1 Xiang), likely when a section word follows it.</item>
/// </list>
/// </summary>
public static class SpecificWords
{
    /// <summary>Each allowed list of word starts over [start, end), most likely first.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Splits(NameText name, int start, int end)
    {
        var lead = new List<int> { start };
        var from = start;
        if (end - start >= 3 && name.Text(start) == "第" && ChineseNumber.Parse(name.Text(start + 1)) is not null)
        {
            lead.Add(start + 2);
            from = start + 2;
        }

        var likely = new List<IReadOnlyList<int>>();
        var other = new List<IReadOnlyList<int>>();
        foreach (var term in GenericTerms.All.Where(t => t.Length >= 2))
        {
            var at = end - term.Length;
            if (at > from && name.Slice(at, end) == term && !likely.Any(s => s.Contains(at)))
            {
                likely.Add([.. lead, at]);
            }
        }

        for (var i = from + 1; i + 1 <= end - 2; i++)
        {
            if (name.IsHan(i) && GenericTerms.All.Contains(name.Text(i)) && i + 1 - from >= 2)
            {
                var split = (IReadOnlyList<int>)[.. lead, i + 1];
                (Modifiers.Sections.Contains(name.Text(i + 1), StringComparison.Ordinal) ? likely : other).Add(split);
            }
        }

        return [.. likely, lead, .. other];
    }
}
