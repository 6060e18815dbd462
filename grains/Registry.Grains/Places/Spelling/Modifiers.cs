namespace Registry.Grains.Places.Spelling;

/// <summary>
/// Rule 2 of the 1984 rules (专名或通名中的修饰、限定成分,单音节的与其相关部分连写,双音节和多音节的与其相关部分分写):
/// a one-syllable modifier between the specific and the generic joins the part it modifies. The system cannot always
/// know which that is, so it offers every allowed boundary, most likely first:
/// <list type="bullet">
/// <item>a section word (东西南北中左右前后) names a section of the generic (南京东路 Nanjing Donglu, 景山后街 Jingshan
/// Houjie, 淮海中路 Huaihai Zhonglu); it belongs to the specific only when the two form a known name (河南路 Henan Lu)
/// or the specific would otherwise be one character (江南路);</item>
/// <item>内, 外 usually belong to the specific (朝阳门内大街 Chaoyangmennei Dajie, 东直门外南后街 Dongzhimenwai
/// Nanhoujie); other one-syllable modifiers (大小新老旧正直横上下) usually to the generic (潮白新河 Chaobai Xinhe,
/// 清波门直街 Qingbomen Zhijie); either side is accepted.</item>
/// </list>
/// </summary>
public static class Modifiers
{
    /// <summary>Direction and position words that name a section of a street or river.</summary>
    public const string Sections = "东西南北中左右前后";

    /// <summary>One-syllable modifiers that usually belong to the specific they follow.</summary>
    public const string OfSpecific = "内外";

    /// <summary>Every one-syllable modifier considered between specific and generic.</summary>
    public const string All = Sections + OfSpecific + "大小新老旧正直横上下";

    /// <summary>How many trailing modifiers of a specific are considered (南小街, 西小巷: two).</summary>
    public const int MaxRun = 2;

    /// <summary>
    /// The allowed starts of the generic word when the bare generic starts at <paramref name="genericStart"/>, most
    /// likely first: each moves zero or more trailing one-syllable modifiers of the specific into the generic word.
    /// </summary>
    public static IReadOnlyList<int> GenericWordStarts(NameText name, int genericStart)
    {
        var run = 0;
        while (run < MaxRun && genericStart - run - 1 > 0 && name.IsHan(genericStart - run - 1)
               && All.Contains(name.Text(genericStart - run - 1), StringComparison.Ordinal))
        {
            run++;
        }

        var allowed = new List<int>();
        for (var moved = 0; moved <= run; moved++)
        {
            var start = genericStart - moved;
            var keptSection = name.Slice(genericStart - run, start).Any(c => Sections.Contains(c, StringComparison.Ordinal));
            if (!keptSection || name.IsKnownSpecific(0, start) || start - 1 <= 1)
            {
                allowed.Add(start);
            }
        }

        var likely = Likely(name, genericStart, run);
        return allowed.OrderBy(start => start == likely ? 0 : 1).ThenBy(start => start).ToList();
    }

    /// <summary>
    /// The likely start: the specific and the modifiers before it when they form a known name (河南路); else the
    /// modifiers next to the generic up to and including the nearest section word, stopping before 内 or 外
    /// (南横东街 Nanheng Dongjie, 东直门外南后街 Dongzhimenwai Nanhoujie).
    /// </summary>
    private static int Likely(NameText name, int genericStart, int run)
    {
        for (var kept = run; kept > 0; kept--)
        {
            if (name.IsKnownSpecific(0, genericStart - run + kept))
            {
                return genericStart - run + kept;
            }
        }

        var start = genericStart;
        while (start > genericStart - run)
        {
            var c = name.Text(start - 1);
            if (OfSpecific.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            start--;
            if (Sections.Contains(c, StringComparison.Ordinal)
                && !Sections.Contains(name.Text(start - 1), StringComparison.Ordinal))
            {
                break;
            }
        }

        return start;
    }
}
