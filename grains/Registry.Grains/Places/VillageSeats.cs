namespace Registry.Grains.Places;

/// <summary>
/// The place name of a village-level seat from its committee's name in the official statistical list: the words
/// naming the committee are dropped and the generic of the place kept (…村民委员会 and …村委会 → …村; …社区居民委员会 and
/// …社区居委会 → …社区; …嘎查委员会 → …嘎查; …居民委员会 and …居委会 → the rest). A name with none of these endings
/// (…村, …社区, …生活区, …管理区) is the place name as it is; a generic already written before the committee words is
/// not repeated (…村村民委员会 → …村); a qualifier in brackets after the committee words is kept after the name
/// (…村委会（一分场） → …村（一分场）). Pure.
/// </summary>
public static class VillageSeats
{
    private static readonly (string Ending, string Kept)[] Endings =
    [
        ("村民委员会", "村"), ("村委会", "村"), ("社区居民委员会", "社区"), ("社区居委会", "社区"), ("嘎查委员会", "嘎查"),
        ("居民委员会", ""), ("居委会", ""),
    ];

    public static string NameOf(string committee)
    {
        var name = committee.Trim();
        // A qualifier after the committee words is kept as written after the seat's name: 北扎兰营子村委会（一分场） is
        // the committee of 北扎兰营子村（一分场）.
        if (name.Length > 2 && name[^1] is '）' or ')' && name.LastIndexOfAny(['（', '(']) is var open and > 0
            && NameOf(name[..open]) is var seat && seat != name[..open])
        {
            return seat + name[open..];
        }

        foreach (var (ending, kept) in Endings)
        {
            if (name.Length > ending.Length && name.EndsWith(ending, StringComparison.Ordinal))
            {
                // 碾子沟门村村民委员会 is the committee of 碾子沟门村: the generic is not written twice.
                var rest = name[..^ending.Length];
                return kept.Length > 0 && rest.EndsWith(kept, StringComparison.Ordinal) ? rest : rest + kept;
            }
        }

        return name;
    }
}
