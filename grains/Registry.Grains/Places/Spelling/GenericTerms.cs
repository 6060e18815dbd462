using Registry.Abstractions.Places;

namespace Registry.Grains.Places.Spelling;

/// <summary>
/// Rule 1 of the 1984 rules (由专名和通名构成的地名,原则上专名与通名分写): the generic terms (通名) of each category, so
/// that the generic is told from the specific. A term counts as generic only in the categories that use it: 海 ends
/// 渤海 (a sea) but not 上海 (a city, whose generic is 市). Multi-syllable generics (公路, 海峡, 自治区) are one word.
/// </summary>
public static class GenericTerms
{
    private static readonly string[] Administrative =
    [
        "特别行政区", "自治区", "自治州", "自治县", "自治旗", "民族乡", "地区", "街道", "林区", "新区", "矿区", "特区",
        "苏木", "省", "市", "县", "区", "旗", "盟", "州", "镇", "乡",
    ];

    private static readonly string[] Natural =
    [
        "群岛", "列岛", "半岛", "海峡", "山脉", "高原", "平原", "盆地", "沙漠", "草原", "瀑布", "峡谷", "运河", "水库",
        "高地", "山", "峰", "岭", "岗", "坡", "谷", "峡", "沟", "河", "江", "湖", "海", "湾", "岛", "礁", "滩", "泉",
        "溪", "渠", "塘", "潭", "洲", "洞", "涧", "池",
    ];

    private static readonly string[] Streets =
    [
        "高速公路", "公路", "大街", "小街", "大道", "马路", "胡同", "小巷", "路", "街", "巷", "弄", "道", "条", "里",
    ];

    private static readonly string[] Parks =
    [
        "自然保护区", "森林公园", "湿地公园", "植物园", "动物园", "风景区", "保护区", "公园", "景区", "园", "苑",
    ];

    private static readonly string[] Buildings =
    [
        "小区", "新村", "花园", "家园", "公寓", "大厦", "广场", "中心", "楼", "塔", "寺", "庙", "宫", "门", "院", "城",
    ];

    private static readonly string[] Facilities =
    [
        "火车站", "水电站", "气象站", "车站", "机场", "码头", "大桥", "隧道", "水库", "电站", "站", "港", "桥", "闸", "坝",
    ];

    private static readonly string[] VillageSeats = ["社区居委会", "社区", "居委会", "村委会", "居民委员会", "村民委员会"];

    /// <summary>Every generic term of every category, for generics that became part of a specific (rule 4).</summary>
    public static IReadOnlySet<string> All { get; } = Administrative.Concat(Natural).Concat(Streets).Concat(Parks)
        .Concat(Buildings).Concat(Facilities).ToHashSet(StringComparer.Ordinal);

    /// <summary>The generic terms of a category, longest first.</summary>
    public static IReadOnlyList<string> Of(PlaceCategory category) => category switch
    {
        PlaceCategory.AdministrativeDivision => Administrative,
        PlaceCategory.NaturalFeature => Natural,
        PlaceCategory.Street => Streets,
        PlaceCategory.Park => [.. Parks, .. Natural],
        PlaceCategory.ResidentialArea => [.. Buildings, .. Streets],
        PlaceCategory.Facility => [.. Facilities, .. Natural],
        PlaceCategory.Landmark => [.. Buildings, .. Facilities, .. Natural],
        PlaceCategory.VillageSeat => VillageSeats,
        _ => [],
    };

    /// <summary>
    /// Where the generic may begin (unit index), most likely first: the longest term of the category ending the name
    /// and leaving a specific of at least one character (京津公路 Jingjin Gonglu, not Jingjingong Lu); a shorter one
    /// too only when the longer begins with a one-syllable modifier or 马 (大马路 Dama Lu or Da Malu, 大街, 小巷).
    /// Empty when the name has no generic of its category (北京).
    /// </summary>
    public static IReadOnlyList<int> Starts(NameText name, PlaceCategory category)
    {
        var starts = new List<int>();
        foreach (var term in Of(category).OrderByDescending(t => t.Length))
        {
            if (name.EndsWith(term) is not { } start || start == 0 || starts.Contains(start))
            {
                continue;
            }

            if (starts.Count > 0 && !IsModifiedGeneric(name.Slice(starts[^1], name.Count)))
            {
                break;
            }

            starts.Add(start);
        }

        return starts;
    }

    private static bool IsModifiedGeneric(string term) =>
        term.Length >= 2 && (Modifiers.All.Contains(term[0], StringComparison.Ordinal) || term[0] == '马');
}
