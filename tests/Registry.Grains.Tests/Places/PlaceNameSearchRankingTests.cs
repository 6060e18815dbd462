using System.Globalization;
using System.Text.Json.Nodes;
using Registry.Abstractions.Places;
using Registry.Grains.Places;

namespace Registry.Grains.Tests.Places;

/// <summary>
/// The one search box's matching and ranking (<see cref="PlaceNameIndex"/>) over entries made from records by
/// <see cref="PlaceNameViews.IndexEntry"/>, without a cluster. Names, spellings and codes are real: 南京东路 and the
/// 街道 of the 2023 division list, 南京市 with its old name 金陵 as alias, and the 2010 renames 襄樊市 to 襄阳市 and
/// 襄阳区 to 襄州区; the points are the GeoNames points of their cities (test data).
/// </summary>
public sealed class PlaceNameSearchRankingTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Renamed = new(2010, 12, 9);

    private static readonly Lazy<JsonArray> places = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Places", "Data", "search-places.json")))!.AsArray());

    private static byte[] PointOf(string city)
    {
        var row = places.Value.First(p => (string?)p!["name"] == city)!;
        return PlaceGeometry.Write(PlaceGeometry.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(
            double.Parse((string)row["lng"]!, CultureInfo.InvariantCulture),
            double.Parse((string)row["lat"]!, CultureInfo.InvariantCulture))));
    }

    private static PlaceNameIndexEntry Entry(string id, string name, string romanization, PlaceCategory category,
        string division, string city, PlaceNamePeriod? former = null, params string[] aliases)
    {
        var names = former is null
            ? new List<PlaceNamePeriod> { new(name, romanization, null, null) }
            : [former, new PlaceNamePeriod(name, romanization, former.ValidTo, null)];
        return PlaceNameViews.IndexEntry(new PlaceNameState
        {
            Id = id,
            Name = names[0].Name,
            Romanization = names[0].Romanization,
            Category = category,
            DivisionCode = division,
            Geometry = PointOf(city),
            Status = PlaceNameStatus.Announced,
            Names = names,
            Aliases = aliases.ToList(),
            Revision = 1,
        }, Today);
    }

    private static readonly PlaceNameIndexEntry NanjingDongluStreet =
        Entry("street", "南京东路", "Nanjing Donglu", PlaceCategory.Street, "310101", "Shanghai");

    private static readonly PlaceNameIndexEntry NanjingDongluSubdistrict =
        Entry("subdistrict", "南京东路街道", "Nanjing Donglu Jiedao", PlaceCategory.AdministrativeDivision, "310101002", "Shanghai");

    private static readonly PlaceNameIndexEntry NanjingSubdistrict =
        Entry("jilin", "南京街道", "Nanjing Jiedao", PlaceCategory.AdministrativeDivision, "220204002", "Shanghai");

    private static readonly PlaceNameIndexEntry NanjingCity =
        Entry("nanjing", "南京市", "Nanjing Shi", PlaceCategory.AdministrativeDivision, "320100", "Nanjing", null, "金陵");

    private static readonly PlaceNameIndexEntry XiangyangCity = Entry("xiangyang", "襄阳市", "Xiangyang Shi",
        PlaceCategory.AdministrativeDivision, "420600", "Xiangyang", new PlaceNamePeriod("襄樊市", "Xiangfan Shi", null, Renamed));

    private static readonly PlaceNameIndexEntry XiangzhouDistrict = Entry("xiangzhou", "襄州区", "Xiangzhou Qu",
        PlaceCategory.AdministrativeDivision, "420607", "Xiangyang", new PlaceNamePeriod("襄阳区", "Xiangyang Qu", null, Renamed));

    private static readonly PlaceNameIndexEntry XiangyangNanluStreet =
        Entry("xiangyangnanlu", "襄阳南路", "Xiangyang Nanlu", PlaceCategory.Street, "310104", "Shanghai");

    private static readonly PlaceNameIndexEntry[] All =
    [
        NanjingDongluStreet, NanjingDongluSubdistrict, NanjingSubdistrict, NanjingCity, XiangyangCity, XiangzhouDistrict,
        XiangyangNanluStreet,
    ];

    private static PlaceNameQuery Query(string text) =>
        new(text, null, null, null, null, null, false, true, null, 0, 20);

    /// <summary>What a partition or the API's copy holding every entry answers, in order (<see cref="PlaceNameSearcher"/>).</summary>
    private static IReadOnlyList<PlaceNameHit> Search(PlaceNameQuery query)
    {
        var searcher = new PlaceNameSearcher();
        foreach (var entry in All)
        {
            searcher.Apply(entry);
        }

        return searcher.Search(query).Items;
    }

    /// <summary>Which name a text matched, by its name rather than its place (<see cref="PlaceNameIndex.Score"/>).</summary>
    private sealed record PlaceNameMatch(string Name, PlaceNameMatchKind Kind, int Quality);

    private static PlaceNameMatch? Match(PlaceNameIndexEntry entry, string text) =>
        PlaceNameIndex.Score(entry, text) is { Found: true } score
            ? new PlaceNameMatch(PlaceNameIndex.NameAt(entry, score.Name), score.Kind, score.Quality)
            : null;

    [Theory]
    [InlineData("南京东路", 0)]
    [InlineData("Nanjing Donglu", 0)]
    [InlineData("nanjingdonglu", 0)]
    [InlineData("Nánjīng Dōnglù", 0)]
    [InlineData("NANJING  DONGLU", 0)]
    [InlineData("nanjing dong", 1)]
    [InlineData("南京东", 1)]
    [InlineData("东路", 2)]
    [InlineData("jing dong", 2)]
    [InlineData("Dōnglù", 2)]
    public void Match_FindsTheNameByCharactersOrPinyin_WithOrWithoutTonesOrSpaces_OrAFragment(string text, int quality)
    {
        var match = Match(NanjingDongluStreet, PlaceNameIndex.Normalized(text)!);

        Assert.Equal(new PlaceNameMatch("南京东路", PlaceNameMatchKind.Current, quality), match);
    }

    [Theory]
    [InlineData("南京西路")]
    [InlineData("nanjing xilu")]
    [InlineData("donglunanjing")]
    public void Match_RefusesTextNoNameContains(string text) =>
        Assert.Null(Match(NanjingDongluStreet, PlaceNameIndex.Normalized(text)!));

    [Fact]
    public void Match_FindsAFormerNameAndAnAlias_AndSaysWhich()
    {
        var former = Match(XiangyangCity, PlaceNameIndex.Normalized("襄樊")!);
        var formerBySpelling = Match(XiangyangCity, PlaceNameIndex.Normalized("Xiangfan Shi")!);
        var current = Match(XiangyangCity, PlaceNameIndex.Normalized("襄阳")!);
        var alias = Match(NanjingCity, PlaceNameIndex.Normalized("金陵")!);

        Assert.Equal(new PlaceNameMatch("襄樊市", PlaceNameMatchKind.Former, 1), former);
        Assert.Equal(new PlaceNameMatch("襄樊市", PlaceNameMatchKind.Former, 0), formerBySpelling);
        Assert.Equal(new PlaceNameMatch("襄阳市", PlaceNameMatchKind.Current, 1), current);
        Assert.Equal(new PlaceNameMatch("金陵", PlaceNameMatchKind.Alias, 0), alias);
    }

    [Fact]
    public void Search_RanksTheWholeNameFirst_EvenBeforeAMoreProminentPlace()
    {
        var hits = Search(Query("南京东路"));

        Assert.Equal(["street", "subdistrict"], hits.Select(h => h.Entry.Id));
        Assert.Equal([0, 1], hits.Select(h => h.MatchQuality!.Value));
    }

    [Fact]
    public void Search_AmongEquallyCloseMatches_RanksHigherDivisionLevelsAndLargerPlacesFirst()
    {
        var hits = Search(Query("南京"));

        // The prefecture, then the two 街道 (township level, by name), then the street.
        Assert.Equal(["nanjing", "subdistrict", "jilin", "street"], hits.Select(h => h.Entry.Id));
        Assert.All(hits, h => Assert.Equal(1, h.MatchQuality));
    }

    [Fact]
    public void Search_RanksTheNameInForceBeforeAFormerName()
    {
        // 襄阳市 is the city's name since 2010; 襄阳区 was the district's name until then. The street 襄阳南路 is a
        // smaller place than the district, but its name is in force: a current beginning ranks before a former one.
        var hits = Search(Query("襄阳"));

        Assert.Equal(["xiangyang", "xiangyangnanlu", "xiangzhou"], hits.Select(h => h.Entry.Id));
        Assert.Equal([PlaceNameMatchKind.Current, PlaceNameMatchKind.Current, PlaceNameMatchKind.Former],
            hits.Select(h => h.MatchKind!.Value));
        Assert.Equal(["襄阳市", "襄阳南路", "襄阳区"], hits.Select(h => h.MatchedName));
    }

    [Fact]
    public void Search_AFormerWholeNameRanksBeforeACurrentFragment()
    {
        var hits = Search(Query("襄阳区"));
        var byPinyin = Search(Query("xiangyangqu"));

        Assert.Equal("xiangzhou", Assert.Single(hits).Entry.Id);
        Assert.Equal(PlaceNameMatchKind.Former, hits[0].MatchKind);
        Assert.Equal(0, hits[0].MatchQuality);
        Assert.Equal("xiangzhou", Assert.Single(byPinyin).Entry.Id);
    }

    [Fact]
    public void Search_KeepsTheFilters_CategoryDivisionAndSpelling()
    {
        var streets = Search(Query("南京") with { Category = PlaceCategory.Street });
        var inShanghaiHuangpu = Search(Query("南京") with { DivisionPrefix = "310101" });
        var inJiangsu = Search(Query("南京") with { DivisionPrefix = "32" });
        var bySpelling = Search(Query("南京") with { Romanization = "jiedao" });

        Assert.Equal(["street"], streets.Select(h => h.Entry.Id));
        Assert.Equal(["subdistrict", "street"], inShanghaiHuangpu.Select(h => h.Entry.Id));
        Assert.Equal(["nanjing"], inJiangsu.Select(h => h.Entry.Id));
        Assert.Equal(["subdistrict", "jilin"], bySpelling.Select(h => h.Entry.Id));
    }

    [Fact]
    public void VersionOf_OrdersRevisionsFirst_ThenAnEntryRecomputedAfterItsRefreshDay()
    {
        var due = XiangyangCity with { RefreshOn = Today };
        var later = XiangyangCity with { RefreshOn = Today.AddDays(30) };

        Assert.True(PlaceNameIndex.VersionOf(due) < PlaceNameIndex.VersionOf(later));
        Assert.True(PlaceNameIndex.VersionOf(later) < PlaceNameIndex.VersionOf(XiangyangCity));
        Assert.True(PlaceNameIndex.VersionOf(XiangyangCity) < PlaceNameIndex.VersionOf(due with { Revision = 2 }));
    }
}
