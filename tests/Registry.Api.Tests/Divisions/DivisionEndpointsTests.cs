using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Text;
using Registry.Hosting.Divisions;

namespace Registry.Api.Tests.Divisions;

[Collection(ApiCollection.Name)]
public sealed class DivisionEndpointsTests(ApiFixture fixture)
{
    private RegistryApiFactory Api => fixture.Factory;

    private static readonly Lazy<Dictionary<string, (string Name, string? Parent)>> Official = new(() =>
    {
        var directory = DivisionReferenceData.DefaultDirectory;
        var rows = new Dictionary<string, (string, string?)>();
        foreach (var (file, parentColumn) in new[]
                 {
                     ("divisions-2023-provinces.csv", -1), ("divisions-2023-cities.csv", 2),
                     ("divisions-2023-areas.csv", 2), ("divisions-2023-streets.csv", 2),
                 })
        {
            foreach (var row in File.ReadLines(Path.Combine(directory, file)).Skip(1)
                         .Select(line => CsvLine.Fields(line)!))
            {
                rows.TryAdd(row[0].PadRight(6, '0'), (row[1], parentColumn < 0 ? null : row[parentColumn].PadRight(6, '0')));
            }
        }

        return rows;
    });

    /// <summary>A county with at least two townships, the n-th in code order, from the official lists.</summary>
    private static string County(int n) => CountiesWithTownships.Value[n];

    private static readonly Lazy<IReadOnlyList<string>> CountiesWithTownships = new(() =>
    {
        var townships = Official.Value.Values.Where(d => d.Parent is not null).ToLookup(d => d.Parent!);
        return Official.Value.Keys
            .Where(code => code.Length == 6 && !code.EndsWith("00", StringComparison.Ordinal)
                && townships[code].Count() >= 2)
            .Order(StringComparer.Ordinal)
            .ToList();
    });

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task GetDivision_110101_ReturnsItsNameAndParentChain()
    {
        var division = await JsonOf(await Api.ClientWithRoles().GetAsync("/api/divisions/110101"));

        var (name, parent) = Official.Value["110101"];
        Assert.Equal("东城区", name); // the acceptance check of the issue, against the official list itself
        Assert.Equal(name, division.GetProperty("name").GetString());
        Assert.Equal("county", division.GetProperty("level").GetString());
        Assert.Equal("in-force", division.GetProperty("status").GetString());
        var chain = division.GetProperty("parentChain").EnumerateArray().ToList();
        Assert.Equal([parent, Official.Value[parent!].Parent], chain.Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(Official.Value[parent!].Name, chain[0].GetProperty("name").GetString());
        Assert.Equal("province", chain[1].GetProperty("level").GetString());
    }

    [Fact]
    public async Task GetChildren_County_ListsItsTownships()
    {
        var code = County(0);

        var children = (await JsonOf(await Api.ClientWithRoles().GetAsync($"/api/divisions/{code}/children")))
            .EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();

        Assert.Equal(Official.Value.Where(d => d.Value.Parent == code).Select(d => d.Key).Order(StringComparer.Ordinal),
            children);
    }

    [Fact]
    public async Task GetDivision_UnrecordedCode_Is404NamingTheRule()
    {
        var unrecorded = Enumerable.Range(1, 99).Select(n => $"1101{n:00}").First(c => !Official.Value.ContainsKey(c));

        var response = await Api.ClientWithRoles().GetAsync($"/api/divisions/{unrecorded}");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "division-not-found");
    }

    [Theory]
    [InlineData("11010")]
    [InlineData("11010A")]
    [InlineData("0000000")]
    public async Task GetDivision_MalformedCode_Is400WithTheFieldNamed(string code)
    {
        var problem = await Problems.AssertProblemAsync(await Api.ClientWithRoles().GetAsync($"/api/divisions/{code}"),
            HttpStatusCode.BadRequest, "division-code-format");

        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("yesterday")]
    public async Task GetDivision_BadAsOfDate_Is400WithTheFieldNamed(string asOf)
    {
        var problem = await Problems.AssertProblemAsync(
            await Api.ClientWithRoles().GetAsync($"/api/divisions/110101?asOf={asOf}"),
            HttpStatusCode.BadRequest, "date-format");

        Assert.True(problem.GetProperty("errors").TryGetProperty("asOf", out _));
    }

    [Fact]
    public async Task Rename_ByAdmin_ShowsTodayInHistoryAndNotAsOfBefore()
    {
        var code = County(3);
        var oldName = Official.Value[code].Name;
        var admin = Api.ClientWithRoles("admin");
        var today = Api.Today;

        var created = await admin.PostAsJsonAsync($"/api/divisions/{code}/renames",
            new { name = oldName + "新城", effectiveDate = today.ToString("yyyy-MM-dd"), reason = "批复 (test)" });

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal($"/api/divisions/{code}/history", created.Headers.Location?.OriginalString);
        var anonymous = Api.ClientWithRoles();
        Assert.Equal(oldName + "新城",
            (await JsonOf(await anonymous.GetAsync($"/api/divisions/{code}"))).GetProperty("name").GetString());
        Assert.Equal(oldName, (await JsonOf(await anonymous.GetAsync(
            $"/api/divisions/{code}?asOf={today.AddDays(-1):yyyy-MM-dd}"))).GetProperty("name").GetString());
        var history = (await JsonOf(await anonymous.GetAsync($"/api/divisions/{code}/history"))).EnumerateArray()
            .ToList();
        Assert.Equal(["recorded", "renamed"], history.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(oldName, history[1].GetProperty("previousName").GetString());
        Assert.Equal(oldName + "新城", history[1].GetProperty("name").GetString());
        // A public history names the office that acted (the token's office claim), never the account.
        Assert.Equal(Registry.Abstractions.Divisions.Jurisdiction.NationalOffice,
            history[1].GetProperty("recordedBy").GetString());
        Assert.DoesNotContain("test-user", await anonymous.GetStringAsync($"/api/divisions/{code}/history"));
    }

    [Fact]
    public async Task Rename_WithoutToken_Is401Problem()
    {
        var response = await Api.ClientWithRoles().PostAsJsonAsync($"/api/divisions/{County(4)}/renames",
            new { name = "某区", effectiveDate = "2027-01-01", reason = "r" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Fact]
    public async Task Rename_WithAnotherRole_Is403ProblemAndChangesNothing()
    {
        var code = County(4);

        var response = await Api.ClientWithRoles("registrar.places").PostAsJsonAsync($"/api/divisions/{code}/renames",
            new { name = "某区", effectiveDate = "2027-01-01", reason = "r" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
        Assert.Single((await JsonOf(await Api.ClientWithRoles().GetAsync($"/api/divisions/{code}/history")))
            .EnumerateArray());
    }

    [Fact]
    public async Task Rename_MalformedJson_Is400ProblemAndChangesNothing()
    {
        var code = County(4);
        using var body = new StringContent("{\"name\": \"某区\", \"effectiveDate\": ", Encoding.UTF8, "application/json");

        var response = await Api.ClientWithRoles("admin").PostAsync($"/api/divisions/{code}/renames", body);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
        Assert.Single((await JsonOf(await Api.ClientWithRoles().GetAsync($"/api/divisions/{code}/history")))
            .EnumerateArray());
    }

    [Fact]
    public async Task Rename_DateOfWrongFormat_Is400NamingTheField()
    {
        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{County(4)}/renames",
            new { name = "某区", effectiveDate = "01/02/2027", reason = "r" });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
        Assert.True(problem.GetProperty("errors").TryGetProperty("effectiveDate", out _));
    }

    [Fact]
    public async Task Rename_MissingFields_Is400ListingEachField()
    {
        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{County(4)}/renames",
            new { });

        var errors = (await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "field-required"))
            .GetProperty("errors");
        Assert.Equal(["effectiveDate", "name", "reason"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Abolish_CountyWithTownships_Is422NamingTheRule()
    {
        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{County(5)}/abolitions",
            new { effectiveDate = Api.Today.ToString("yyyy-MM-dd"), reason = "r" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "division-has-children");
    }

    [Fact]
    public async Task Merge_IntoSibling_EndsTheDivisionFromTheEffectiveDate()
    {
        var source = County(6);
        var parent = Official.Value[source].Parent;
        var target = Official.Value.Keys.Order(StringComparer.Ordinal)
            .First(c => c != source && c.Length == 6 && Official.Value[c].Parent == parent);
        var effective = Api.Today.AddDays(7);

        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{source}/merges",
            new { into = target, effectiveDate = effective.ToString("yyyy-MM-dd"), reason = "合并 (test)" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await JsonOf(await Api.ClientWithRoles().GetAsync(
            $"/api/divisions/{source}?asOf={effective:yyyy-MM-dd}"));
        Assert.Equal("merged", after.GetProperty("status").GetString());
        Assert.Equal(target, after.GetProperty("successorCode").GetString());
        Assert.Equal("in-force", (await JsonOf(await Api.ClientWithRoles().GetAsync($"/api/divisions/{source}")))
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Merge_IntoItself_Is400AtOnceAndChangesNothing()
    {
        var code = County(8);

        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{code}/merges",
            new { into = code, effectiveDate = Api.Today.ToString("yyyy-MM-dd"), reason = "r" });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "merge-target-self");
        Assert.True(problem.GetProperty("errors").TryGetProperty("into", out _));
        Assert.Single((await JsonOf(await Api.ClientWithRoles().GetAsync($"/api/divisions/{code}/history")))
            .EnumerateArray());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    public async Task Rename_NoBody_Is400WithoutFrameworkInternals(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Api.ClientWithRoles("admin").PostAsync($"/api/divisions/{County(8)}/renames", content);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "body-required");
        Assert.DoesNotContain("Implicit body", problem.GetRawText());
    }
}
