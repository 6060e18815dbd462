using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Grains.Tests.Organizations;

namespace Registry.Api.Tests.Organizations;

/// <summary>Search by code, legal representative and office with the offices below it; unknown parameters refused.</summary>
[Collection(OrganizationApiCollection.Name)]
public sealed class OrganizationSearchEndpointTests(OrganizationApiFixture fixture)
{
    private OrganizationApi Api => fixture.Api;

    private async Task<List<string>> CodesAsync(string query) =>
        (await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations?{query}&pageSize=100"))
        .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("uscc").GetString()!).ToList();

    [Fact]
    public async Task Search_ByCodeAndLegalRepresentative_FindsExactlyThem()
    {
        // A name as an identity document holds it: the serial's digits as Han numerals.
        var person = "欧阳" + string.Concat($"{TestCodes.NextSerial()}".Select(d => "零一二三四五六七八九"[d - '0']));
        var registration = OrganizationApi.Registration();
        registration["legalRepresentative"] = person + "明";
        var uscc = await Api.RegisterAsync(registration);
        var other = await Api.RegisterAsync(OrganizationApi.Registration());

        Assert.Equal([uscc], await CodesAsync($"uscc={uscc.ToLowerInvariant()}"));
        Assert.Equal([uscc], await CodesAsync($"legalRepresentative={Uri.EscapeDataString(person)}"));
        Assert.Empty(await CodesAsync($"uscc={uscc}&legalRepresentative={Uri.EscapeDataString(person + "X")}"));
        Assert.Equal([other], await CodesAsync($"uscc={other}"));
    }

    [Fact]
    public async Task RebuildIndex_OnlyForTheAdministrator_AndSearchAnswersAsBefore()
    {
        var token = $"维护{TestCodes.NextSerial()}";
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration(name: $"{token}协会"));

        var refused = await Api.Registrar().PostAsync("/api/organizations/index/rebuild", null);
        var rebuilt = await Api.WithRoles("admin").PostAsync("/api/organizations/index/rebuild", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        var body = await rebuilt.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("entries").GetInt32() >= 1);
        Assert.Equal([uscc], await CodesAsync($"name={token}"));
    }

    [Fact]
    public async Task Search_ByOffice_IncludesTheOfficesBelowIt()
    {
        var token = $"辖区{TestCodes.NextSerial()}";
        var county = TestCodes.AnyCounty();
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration(county, name: $"{token}协会"));

        Assert.Equal([uscc], await CodesAsync($"name={token}&registeringOffice={county}"));
        Assert.Equal([uscc], await CodesAsync($"name={token}&registeringOffice={county[..4]}00"));
        Assert.Equal([uscc], await CodesAsync($"name={token}&registeringOffice={county[..2]}0000"));
        var elsewhere = county[..2] == "11" ? "120000" : "110000";
        Assert.Empty(await CodesAsync($"name={token}&registeringOffice={elsewhere}"));
    }

    [Fact]
    public async Task Search_ByKindAndStatus_FindsOnlyThose_InEitherTerms_AndAnswersInTheApisTerms()
    {
        var token = $"筛选{TestCodes.NextSerial()}";
        var county = TestCodes.AnyCounty();
        var association = await Api.RegisterAsync(OrganizationApi.Registration(county, name: $"{token}协会"));
        var unit = await Api.RegisterAsync(OrganizationApi.Registration(county, kind: "private-non-enterprise",
            name: $"{token}服务中心"));
        var deregistered = await Api.Registrar().PostAsJsonAsync($"/api/organizations/{association}/deregistration",
            new { reason = "民政局准予注销登记决定书" });
        Assert.True(deregistered.IsSuccessStatusCode, await deregistered.Content.ReadAsStringAsync());

        Assert.Equal([unit], await CodesAsync($"name={token}&status=active"));
        Assert.Equal([association], await CodesAsync($"name={token}&status=deregistered"));
        Assert.Equal([unit], await CodesAsync($"name={token}&kind=private-non-enterprise"));
        Assert.Empty(await CodesAsync($"name={token}&kind=private-non-enterprise&status=deregistered"));
        Assert.Equal([association], await CodesAsync($"name={token}&kind=social-association&registeringOffice={county[..2]}0000"));

        // The Chinese names the register import accepts name the same values in a search.
        Assert.Equal([unit], await CodesAsync($"name={token}&kind={Uri.EscapeDataString("社会服务机构")}"));
        Assert.Equal([association], await CodesAsync(
            $"name={token}&kind={Uri.EscapeDataString("社会团体")}&status={Uri.EscapeDataString("已注销")}"));

        var page = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations?name={token}");
        Assert.Equal([("private-non-enterprise", "active"), ("social-association", "deregistered")],
            page.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("status").GetString()))
                .Order().ToList());
    }

    [Theory]
    [InlineData("/api/organizations?legalRep=张三", "legalRep")]
    [InlineData("/api/organizations?name=协会&office=110101", "office")]
    [InlineData("/api/organizations/lists/abnormal?name=协会", "name")]
    [InlineData("/api/organizations/lists/dishonest?sort=asc", "sort")]
    public async Task Search_UnknownParameter_Is400NamingIt(string path, string parameter)
    {
        var problem = await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync(path), HttpStatusCode.BadRequest,
            "unknown-query-parameter");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Search_MalformedCode_Is400_AndKindValuesAreNamedInTheApisTerms()
    {
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync("/api/organizations?uscc=123"),
            HttpStatusCode.BadRequest, "uscc-format");
        var problem = await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync("/api/organizations?kind=company"),
            HttpStatusCode.BadRequest, "query-value");

        var text = problem.ToString();
        Assert.Contains("social-association", text);
        Assert.DoesNotContain("SocialAssociation", text);
        Assert.Equal(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
    }
}
