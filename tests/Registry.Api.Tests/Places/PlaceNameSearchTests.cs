using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Places;

/// <summary>
/// The one search box (issue 15 part 6) end to end: one <c>q</c> finds a name by Han characters, by pinyin with or
/// without tone marks or spaces, or a fragment; current names, aliases and former names; ranked, each hit saying
/// which name matched. Real names and codes: 南京东路 and the 街道 of the 2023 division list, 南京市 with its old name
/// 金陵 as alias, and the renames of 2010-12-09 (襄樊市 to 襄阳市, 襄阳区 to 襄州区) and the street 襄阳南路 of Shanghai,
/// located at the GeoNames points of their cities.
/// </summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameSearchTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";
    private const string Street = "street";

    private static readonly Lazy<JsonArray> places = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(PlaceTestData.DataDirectory, "search-places.json")))!.AsArray());

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Dictionary<string, string>? recorded;

    private readonly PlaceNameClient api = new(fixture.Factory);

    private static JsonObject PointOf(string city)
    {
        var row = places.Value.First(p => (string?)p!["name"] == city)!;
        return PlaceTestData.Point(
            double.Parse((string)row["lng"]!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((string)row["lat"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The names the tests search, recorded and announced once for the collection, by a short key.</summary>
    private async Task<Dictionary<string, string>> RecordedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (recorded is not null)
            {
                return recorded;
            }

            var ids = new Dictionary<string, string>
            {
                ["street"] = await AnnouncedAsync("南京东路", Street, "310101", PointOf("Shanghai")),
                ["subdistrict"] = await AnnouncedAsync("南京东路街道", AdministrativeDivision, "310101002", PointOf("Shanghai")),
                ["west"] = await AnnouncedAsync("南京西路街道", AdministrativeDivision, "310106012", PointOf("Shanghai")),
                ["nanjing"] = await AnnouncedAsync("南京市", AdministrativeDivision, "320100", PointOf("Nanjing"), "金陵"),
                ["xiangzhou"] = await AnnouncedAsync("襄阳区", AdministrativeDivision, "420607", PointOf("Xiangyang")),
                ["xiangyang"] = await AnnouncedAsync("襄樊市", AdministrativeDivision, "420600", PointOf("Xiangyang")),
                ["xiangyangnanlu"] = await AnnouncedAsync("襄阳南路", Street, "310104", PointOf("Shanghai")),
            };
            await RenamedAnnouncedAsync(ids["xiangzhou"], "襄州区");
            await RenamedAnnouncedAsync(ids["xiangyang"], "襄阳市");
            recorded = ids;
            return ids;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<string> AnnouncedAsync(string name, string category, string division, JsonObject point,
        params string[] aliases)
    {
        var response = await api.Registrar.PostAsJsonAsync("/api/place-names", new JsonObject
        {
            ["name"] = name,
            ["romanization"] = await api.SpellingAsync(name, category),
            ["category"] = category,
            ["divisionCode"] = division,
            ["geometry"] = point,
            ["aliases"] = new JsonArray(aliases.Select(a => (JsonNode)a).ToArray()),
        });
        var id = (await PlaceNameClient.OkAsync(response, System.Net.HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);
        return id;
    }

    private async Task RenamedAnnouncedAsync(string id, string name)
    {
        var renamed = await api.RenamedAsync(id, name, AdministrativeDivision, api.Today);
        var number = renamed.GetProperty("changes").EnumerateArray().Last().GetProperty("number").GetInt32();
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsync($"/api/place-names/{id}/changes/{number}/announcement", null));
    }

    /// <summary>Anonymous search; the hits that are the tests' own names, as their keys, in the order returned.</summary>
    private async Task<(List<string> Keys, JsonElement Page)> SearchAsync(string query)
    {
        var ids = await RecordedAsync();
        var page = await api.SearchAsync(api.Anonymous, query + "&limit=100");
        var keys = PlaceNameClient.Ids(page).Select(id => ids.FirstOrDefault(p => p.Value == id).Key)
            .OfType<string>().ToList();
        return (keys, page);
    }

    [Theory]
    [InlineData("南京东路")]
    [InlineData("Nanjing Donglu")]
    [InlineData("nanjingdonglu")]
    [InlineData("Nánjīng Dōnglù")]
    public async Task Search_TheWholeNameByCharactersOrPinyin_FindsItFirst(string q)
    {
        var (keys, page) = await SearchAsync($"q={Uri.EscapeDataString(q)}");

        Assert.Equal(["street", "subdistrict"], keys);
        var hit = PlaceNameClient.Hit(page, (await RecordedAsync())["street"]);
        Assert.Equal("南京东路|current|True", PlaceNameClient.Matched(hit));
    }

    [Theory]
    [InlineData("nanjing dong")]
    [InlineData("南京东")]
    [InlineData("东路")]
    [InlineData("jing dong")]
    public async Task Search_AFragmentOfTheNameOrItsSpelling_FindsIt(string q)
    {
        var (keys, page) = await SearchAsync($"q={Uri.EscapeDataString(q)}");

        // Equally close (both begin with it or both contain it): the township-level 街道 before the street.
        Assert.Equal(["subdistrict", "street"], keys);
        Assert.Equal("南京东路|current|True", PlaceNameClient.Matched(PlaceNameClient.Hit(page, recorded!["street"])));
    }

    [Fact]
    public async Task Search_Ranks_PrefectureThenTownshipsThenStreet()
    {
        var (keys, page) = await SearchAsync($"q={Uri.EscapeDataString("南京")}");

        Assert.Equal(["nanjing", "subdistrict", "west", "street"], keys);
        Assert.All(keys, key => Assert.EndsWith("|current|True",
            PlaceNameClient.Matched(PlaceNameClient.Hit(page, recorded![key]))));
    }

    [Fact]
    public async Task Search_AFormerName_FindsThePlaceUnderItsNameInForce_SaysFormer()
    {
        var byCharacters = await SearchAsync($"q={Uri.EscapeDataString("襄樊")}");
        var byPinyin = await SearchAsync("q=Xiangfan");

        Assert.Equal(["xiangyang"], byCharacters.Keys);
        Assert.Equal(["xiangyang"], byPinyin.Keys);
        var hit = PlaceNameClient.Hit(byCharacters.Page, recorded!["xiangyang"]);
        Assert.Equal("襄阳市", hit.GetProperty("name").GetString());
        Assert.Equal("襄樊市|former|False", PlaceNameClient.Matched(hit));
    }

    [Fact]
    public async Task Search_RanksCurrentNamesBeforeFormerOnes()
    {
        var (keys, page) = await SearchAsync($"q={Uri.EscapeDataString("襄阳")}");

        // The street's name is in force; the district's 襄阳区 is former: the street comes first although smaller.
        Assert.Equal(["xiangyang", "xiangyangnanlu", "xiangzhou"], keys);
        Assert.Equal("襄阳区|former|False", PlaceNameClient.Matched(PlaceNameClient.Hit(page, recorded!["xiangzhou"])));
        Assert.Equal("襄州区", PlaceNameClient.Hit(page, recorded["xiangzhou"]).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Search_AnAlias_FindsThePlace_SaysAlias()
    {
        var (keys, page) = await SearchAsync($"q={Uri.EscapeDataString("金陵")}");

        Assert.Equal(["nanjing"], keys);
        Assert.Equal("金陵|alias|True", PlaceNameClient.Matched(PlaceNameClient.Hit(page, recorded!["nanjing"])));
    }

    [Fact]
    public async Task Search_KeepsTheFilters()
    {
        var streets = await SearchAsync($"q={Uri.EscapeDataString("南京")}&category=street");
        var inJingan = await SearchAsync($"q=nanjing&division=310106");
        var inShanghai = await SearchAsync($"q=nanjing&division=310000");

        Assert.Equal(["street"], streets.Keys);
        Assert.Equal(["west"], inJingan.Keys);
        Assert.Equal(["subdistrict", "west", "street"], inShanghai.Keys);
    }

    [Fact]
    public async Task Search_WithoutText_SaysNoMatchedName()
    {
        var ids = await RecordedAsync();
        var page = await api.SearchAsync(api.Anonymous, "division=420600&category=administrative-division&limit=100");

        var hit = PlaceNameClient.Hit(page, ids["xiangyang"]);
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("matchedName").ValueKind);
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("matchedCurrent").ValueKind);
    }
}
