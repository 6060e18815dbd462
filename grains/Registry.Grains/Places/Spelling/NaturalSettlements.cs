using Registry.Abstractions.Places;

namespace Registry.Grains.Places.Spelling;

/// <summary>
/// Rule 3 of the 1984 rules (自然村镇名称不区分专名和通名,各音节连写): the name of a natural village or town is one word
/// (王村 Wangcun, 江镇 Jiangzhen, 周口店 Zhoukoudian, 南王家荡 Nanwangjiadang, 第六屯 Diliutun). The seat of a
/// villagers' or residents' committee is such a village; a committee's own generic (社区, 村委会, 居委会) stands apart
/// (多福巷社区 Duofuxiang Shequ).
/// </summary>
public static class NaturalSettlements
{
    public static bool Applies(PlaceCategory category) => category == PlaceCategory.VillageSeat;

    public static IReadOnlyList<WordLayout> Layouts(NameText name)
    {
        var layouts = GenericTerms.Starts(name, PlaceCategory.VillageSeat)
            .Select(start => new WordLayout([new LayoutWord(0, start), new LayoutWord(start, name.Count)]))
            .ToList();
        layouts.Add(new WordLayout([new LayoutWord(0, name.Count)]));
        return layouts;
    }
}
