using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Hosting.Divisions;

namespace Registry.Api.Tests.Divisions;

/// <summary>
/// The division history over HTTP, against the editions the silo ships and seeds (ReferenceData/divisions/editions):
/// answers at every cut-off, the real changes of the issue recorded end to end, name search and change lists. Codes
/// and names come from the editions; only the effective days inside the editions' intervals are chosen here.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DivisionHistoryEndpointsTests(ApiFixture fixture)
{
    private RegistryApiFactory Api => fixture.Factory;

    private static readonly Lazy<IReadOnlyList<DivisionEdition>> editions = new(() =>
        ShippedEditions.All().Select(e => DivisionEdition.Read(e.CutOff, e.Directory)).ToList());

    private static DivisionEdition Edition(string cutOff) =>
        editions.Value.Single(e => e.CutOff.ToString("yyyy-MM-dd", null) == cutOff);

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<JsonElement> GetAsync(string path) => GetJsonAsync(path);

    private async Task<JsonElement> GetJsonAsync(string path) =>
        await JsonOf(await Api.ClientWithRoles().GetAsync(path));

    private async Task<List<string>> ChildrenAsync(string code, string asOf) =>
        (await GetAsync($"/api/divisions/{code}/children?asOf={asOf}")).EnumerateArray()
        .Select(c => c.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task GetDivision_AtEachCutOff_AnswersThatEditionForSampledCodes()
    {
        var union = editions.Value.SelectMany(e => e.Rows.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var sample = union.Where((_, i) => i % 1_500 == 0).Concat(["371200", "370116", "610322", "610305"]).ToList();
        foreach (var edition in editions.Value)
        {
            var on = edition.CutOff.ToString("yyyy-MM-dd", null);
            foreach (var code in sample)
            {
                var division = await GetAsync($"/api/divisions/{code}?asOf={on}");
                if (edition.Rows.TryGetValue(code, out var row))
                {
                    Assert.Equal("in-force", division.GetProperty("status").GetString());
                    Assert.Equal(row.Name, division.GetProperty("name").GetString());
                    var chain = division.GetProperty("parentChain").EnumerateArray()
                        .Select(p => p.GetProperty("code").GetString()).ToList();
                    Assert.Equal(row.ParentCode, chain.FirstOrDefault());
                }
                else
                {
                    Assert.NotEqual("in-force", division.GetProperty("status").GetString());
                }
            }
        }
    }

    [Fact]
    public async Task GetDivision_Laiwu_CityIn2018DistrictOnlyFrom2019WithTheInterval()
    {
        var city = await GetAsync("/api/divisions/371200?asOf=2018-01-01");
        Assert.Equal(("in-force", "莱芜市"), (city.GetProperty("status").GetString(), city.GetProperty("name").GetString()));

        var district = await GetAsync("/api/divisions/370116?asOf=2018-01-01");
        Assert.Equal("not-yet-established", district.GetProperty("status").GetString());
        Assert.Equal("2020-06-30", district.GetProperty("pendingChange").GetProperty("by").GetString());
        Assert.Contains("exact day is not recorded", district.GetProperty("note").GetString(), StringComparison.Ordinal);

        var later = await GetAsync("/api/divisions/370116?asOf=2020-06-30");
        Assert.Equal("in-force", later.GetProperty("status").GetString());
        Assert.Equal("370100", later.GetProperty("parentChain")[0].GetProperty("code").GetString());
        Assert.Equal("no-longer-listed",
            (await GetAsync("/api/divisions/371200?asOf=2020-06-30")).GetProperty("status").GetString());

        var before = await GetAsync("/api/divisions/371200?asOf=2016-01-01");
        Assert.Equal("unknown", before.GetProperty("status").GetString());
        Assert.Contains("Nothing is known", before.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recode_Fengxiang_OldCodeEndsNewCodeTakesItsTownships()
    {
        var before = await ChildrenAsync("610322", "2021-01-31");
        Assert.NotEmpty(before);

        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync("/api/divisions/610322/recodings",
            new { newCode = "610305", name = "凤翔区", effectiveDate = "2021-02-01", reason = "国务院批复撤销凤翔县设立宝鸡市凤翔区 (test)" });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal("in-force", (await GetAsync("/api/divisions/610322?asOf=2021-01-31")).GetProperty("status").GetString());
        var old = await GetAsync("/api/divisions/610322?asOf=2021-02-01");
        Assert.Equal(("recoded", "610305"), (old.GetProperty("status").GetString(), old.GetProperty("successorCode").GetString()));
        var district = await GetAsync("/api/divisions/610305?asOf=2021-02-01");
        Assert.Equal(("in-force", "凤翔区"), (district.GetProperty("status").GetString(), district.GetProperty("name").GetString()));
        Assert.Equal(["610300", "610000"], district.GetProperty("parentChain").EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(before, await ChildrenAsync("610305", "2021-02-01"));
        Assert.Empty(await ChildrenAsync("610322", "2021-02-01"));
        Assert.Equal(Edition("2022-10-31").Rows.Where(r => r.Value.ParentCode == "610305").Select(r => r.Key)
            .Order(StringComparer.Ordinal), await ChildrenAsync("610305", "2022-10-31"));
        var history = (await GetAsync("/api/divisions/610322/history")).EnumerateArray().ToList();
        var recoded = Assert.Single(history, e => e.GetProperty("kind").GetString() == "recoded");
        Assert.Equal("2021-02-01", recoded.GetProperty("effectiveDate").GetString());
        Assert.True(recoded.GetProperty("exactDate").GetBoolean());
        Assert.StartsWith("国务院批复", recoded.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_MeilieAndSanyuan_IntoTheNewSanyuan350404()
    {
        var children = (await ChildrenAsync("350402", "2021-04-30")).Concat(await ChildrenAsync("350403", "2021-04-30"))
            .Order(StringComparer.Ordinal).ToList();

        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync("/api/divisions/merges", new
        {
            sources = new[] { "350402", "350403" }, into = "350404", intoName = "三元区", effectiveDate = "2021-05-01",
            reason = "国务院批复撤销梅列区、三元区设立新的三元区 (test)",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        foreach (var source in new[] { "350402", "350403" })
        {
            var ended = await GetAsync($"/api/divisions/{source}?asOf=2021-05-01");
            Assert.Equal(("merged", "350404"), (ended.GetProperty("status").GetString(), ended.GetProperty("successorCode").GetString()));
        }

        var merged = await GetAsync("/api/divisions/350404?asOf=2021-05-01");
        Assert.Equal(("in-force", "三元区", "350400"), (merged.GetProperty("status").GetString(),
            merged.GetProperty("name").GetString(), merged.GetProperty("parentChain")[0].GetProperty("code").GetString()));
        Assert.Equal(children, await ChildrenAsync("350404", "2021-05-01"));
        Assert.Equal("not-yet-established",
            (await GetAsync("/api/divisions/350404?asOf=2021-04-30")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Split_Jianggan_EachTownshipToShangchengOrTheNewQiantang()
    {
        // Where each township went, by its name in the 2022 edition.
        var later = Edition("2022-10-31").Rows.Where(r => r.Value.ParentCode is "330102" or "330114")
            .ToDictionary(r => r.Value.Name, r => r.Value.ParentCode!);
        var townships = await ChildrenAsync("330104", "2021-04-08");
        var names = new Dictionary<string, string>();
        foreach (var code in townships)
        {
            names[code] = (await GetAsync($"/api/divisions/{code}?asOf=2021-04-08")).GetProperty("name").GetString()!;
        }

        var transfers = townships.Select(code => new { code, to = later[names[code]] }).ToList();

        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync("/api/divisions/330104/splits", new
        {
            parts = new object[] { new { code = "330102" }, new { code = "330114", name = "钱塘区" } },
            transfers, effectiveDate = "2021-04-09", reason = "国务院批复调整杭州市部分行政区划 (test)",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var ended = await GetAsync("/api/divisions/330104?asOf=2021-04-09");
        Assert.Equal("split", ended.GetProperty("status").GetString());
        Assert.Equal(["330102", "330114"], ended.GetProperty("successors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(transfers.Where(t => t.to == "330114").Select(t => t.code).Order(StringComparer.Ordinal),
            await ChildrenAsync("330114", "2021-04-09"));
        var shangcheng = await ChildrenAsync("330102", "2021-04-09");
        Assert.All(transfers.Where(t => t.to == "330102"), t => Assert.Contains(t.code, shangcheng));
        Assert.Equal(townships, await ChildrenAsync("330104", "2021-04-08"));
    }

    [Fact]
    public async Task Split_WithAChildLeftOut_Is422AndChangesNothing()
    {
        var townships = await ChildrenAsync("110105", "2024-01-01");
        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync("/api/divisions/110105/splits", new
        {
            parts = new object[] { new { code = "110101" }, new { code = "110102" } },
            transfers = new[] { new { code = townships[0], to = "110101" } },
            effectiveDate = "2024-01-01", reason = "test",
        });

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "split-child-unassigned");
        Assert.Equal(townships, await ChildrenAsync("110105", "2024-01-01"));
    }

    [Fact]
    public async Task Merge_DatedBeforeAPendingRename_Is422NamingTheRenameAndStoresNothing()
    {
        var admin = Api.ClientWithRoles("admin");
        var rename = await admin.PostAsJsonAsync("/api/divisions/650102/renames",
            new { name = "天山区（试）", effectiveDate = "2027-01-01", reason = "pending approval (test)" });
        Assert.Equal(HttpStatusCode.Created, rename.StatusCode);
        var history = (await GetAsync("/api/divisions/650102/history")).GetArrayLength();

        var merge = await admin.PostAsJsonAsync("/api/divisions/650102/merges",
            new { into = "650103", effectiveDate = "2026-06-01", reason = "merge (test)" });

        var problem = await Problems.AssertProblemAsync(merge, HttpStatusCode.UnprocessableEntity,
            "division-change-conflict");
        Assert.Contains("2027-01-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(": renamed #", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(history, (await GetAsync("/api/divisions/650102/history")).GetArrayLength());
        Assert.Equal("in-force", (await GetAsync("/api/divisions/650102?asOf=2026-07-01")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Transfer_Township_MovesBetweenCountiesOnItsDate()
    {
        var from = "650104";
        var township = (await ChildrenAsync(from, "2024-01-01"))[^1];

        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{township}/transfers",
            new { to = "650105", effectiveDate = "2025-01-01", reason = "transfer (test)" });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Contains(township, await ChildrenAsync(from, "2024-12-31"));
        Assert.DoesNotContain(township, await ChildrenAsync(from, "2025-01-01"));
        Assert.Contains(township, await ChildrenAsync("650105", "2025-01-01"));
        Assert.Equal("650105", (await GetAsync($"/api/divisions/{township}?asOf=2025-01-01"))
            .GetProperty("parentChain")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Establish_CodeAlreadyInForce_Is422()
    {
        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync("/api/divisions", new
        {
            code = "110101", name = "东城区", level = "county", parent = "110100", effectiveDate = "2024-01-01",
            reason = "test",
        });

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "division-already-in-force");
    }

    [Fact]
    public async Task Search_ExactAndFragmentAndFormerName()
    {
        var exact = await GetAsync("/api/divisions?name=" + Uri.EscapeDataString("东城区"));
        Assert.Contains(exact.EnumerateArray(), m => m.GetProperty("code").GetString() == "110101" &&
            m.GetProperty("exact").GetBoolean());

        var former = await GetAsync("/api/divisions?name=" + Uri.EscapeDataString("莱芜") + "&asOf=2024-01-01");
        var laiwu = Assert.Single(former.EnumerateArray(), m => m.GetProperty("code").GetString() == "371200");
        Assert.True(laiwu.GetProperty("formerName").GetBoolean());
        Assert.Contains(former.EnumerateArray(), m => m.GetProperty("code").GetString() == "370116");
    }

    [Fact]
    public async Task Changes_InAPeriodUnderAProvince_ListTheLaiwuChangeWithItsInterval()
    {
        var changes = (await GetAsync("/api/divisions/changes?from=2019-01-01&to=2019-12-31&under=370000"))
            .EnumerateArray().ToList();

        var appeared = Assert.Single(changes, c => c.GetProperty("code").GetString() == "370116");
        Assert.Equal(("2017-10-31", "2020-06-30", false), (appeared.GetProperty("changedAfter").GetString(),
            appeared.GetProperty("effectiveDate").GetString(), appeared.GetProperty("exactDate").GetBoolean()));
        Assert.Contains(changes, c => c.GetProperty("code").GetString() == "371200" &&
            c.GetProperty("kind").GetString() == "no-longer-listed");
        Assert.All(changes, c => Assert.StartsWith("37", c.GetProperty("code").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Provinces_Today_AreTheLatestEditionsProvinces()
    {
        var provinces = (await GetAsync("/api/divisions/provinces")).EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()).ToList();

        Assert.Equal(Edition("2023-06-30").Rows.Where(r => r.Value.ParentCode is null).Select(r => r.Key)
            .Order(StringComparer.Ordinal), provinces);
    }

    [Fact]
    public async Task SpatialDivisions_PointInDalian_IsInLiaoningWhosePolygonWasRepaired()
    {
        var json = await GetAsync("/api/spatial/divisions?lon=121.61&lat=38.91");

        Assert.Contains(json.GetProperty("divisions").EnumerateArray(), d => d.GetProperty("code").GetString() == "210000");
    }

    [Fact]
    public async Task Adjacent_Guangdong_HasItsFourNeighboursIncludingTheRepairedOnes()
    {
        var provinces = Spatial.ShippedGeometry.Seeded(Spatial.ShippedGeometry.Provinces).ToList();
        var guangdong = provinces.Single(p => p.Code == "440000");
        var expected = provinces.Where(p => p.Code != "440000" && p.Geometry.Intersects(guangdong.Geometry))
            .Select(p => p.Code).Order(StringComparer.Ordinal).ToList();

        var json = await GetAsync("/api/spatial/divisions/440000/adjacent");

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, json.GetProperty("adjacent").EnumerateArray()
            .Select(a => a.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList());
    }
}
