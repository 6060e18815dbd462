using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Api.Tests.Organizations;

/// <summary>The full annual work report through HTTP: each accounting identity, sections by kind, foundations' ratios.</summary>
[Collection(OrganizationApiCollection.Name)]
public sealed class AnnualWorkReportTests(OrganizationApiFixture fixture)
{
    private OrganizationApi Api => fixture.Api;

    private async Task<HttpResponseMessage> FileAsync(string uscc, Dictionary<string, object?> report) =>
        await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports", report);

    [Theory]
    [InlineData("balanceSheet", "totalAssets", 5000000, "balance-sheet-identity")]
    [InlineData("balanceSheet", "restrictedNetAssets", 1, "net-assets-total")]
    [InlineData("incomeBySource", "total", 5000000, "income-total")]
    [InlineData("incomeBySource", "services", 1, "income-total")]
    [InlineData("expenses", "total", 100, "expenses-total")]
    [InlineData("expenses", "fundraising", 0, "expenses-total")]
    public async Task FileAnnualReport_BrokenIdentity_Is422NamingIt_AndStoresNothing(string section, string field,
        decimal value, string rule)
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var report = OrganizationApi.Report(fixture.OpenReportYear);
        OrganizationApi.Section(report, section)[field] = value;

        var problem = await Problems.AssertProblemAsync(await FileAsync(uscc, report), HttpStatusCode.UnprocessableEntity, rule);

        Assert.Contains("does not hold", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}")).GetProperty("annualReports").GetArrayLength());
    }

    [Fact]
    public async Task FileAnnualReport_FullReport_IsStoredWithEverySection_ForItselfOnly()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        Assert.Equal(HttpStatusCode.Created, (await FileAsync(uscc, OrganizationApi.Report(fixture.OpenReportYear))).StatusCode);

        var version = (await Api.GetJsonAsync(Api.ForOrganization(uscc),
            $"/api/organizations/{uscc}/annual-reports/{fixture.OpenReportYear}")).GetProperty("versions")[0];
        Assert.Equal((256000.50m, 198000m, 410000m, 6), (version.GetProperty("income").GetDecimal(),
            version.GetProperty("expenditure").GetDecimal(), version.GetProperty("netAssets").GetDecimal(), version.GetProperty("staff").GetInt32()));
        Assert.Equal(100000m, version.GetProperty("balanceSheet").GetProperty("restrictedNetAssets").GetDecimal());
        Assert.Equal(60000m, version.GetProperty("incomeBySource").GetProperty("governmentGrants").GetDecimal());
        Assert.Equal(260, version.GetProperty("workforce").GetProperty("individualMembers").GetInt32());
        Assert.Equal(2, version.GetProperty("governance").GetProperty("councilMeetings").GetInt32());
        Assert.Equal(["社区艺术节", "少儿美育课堂"], version.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("某会计师事务所审字〔2026〕第0215号", version.GetProperty("auditReport").GetString());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("charityRatios").ValueKind);
        var publicRecord = await Api.Anonymous().GetStringAsync($"/api/organizations/{uscc}");
        Assert.DoesNotContain("balanceSheet", publicRecord);
        Assert.DoesNotContain("审字", publicRecord);
    }

    [Fact]
    public async Task FileAnnualReport_MembersForAFoundation_Or_NoneForAnAssociation_Is400()
    {
        var association = await Api.RegisterAsync(OrganizationApi.Registration());
        var foundation = await Api.RegisterAsync(OrganizationApi.Registration(kind: "foundation"));
        var noMembers = OrganizationApi.Report(fixture.OpenReportYear, "foundation");
        var members = OrganizationApi.Report(fixture.OpenReportYear);

        await Problems.AssertProblemAsync(await FileAsync(association, noMembers), HttpStatusCode.BadRequest, "field-required");
        await Problems.AssertProblemAsync(await FileAsync(foundation, members), HttpStatusCode.BadRequest,
            "members-only-for-associations");
    }

    [Fact]
    public async Task FileAnnualReport_Foundation_RatiosAgainstThe2016Rules_FlaggedWhenOutOfBounds()
    {
        var foundation = await Api.RegisterAsync(OrganizationApi.Registration(kind: "foundation"));
        var report = OrganizationApi.Report(fixture.OpenReportYear, "foundation");
        report["publicFundraising"] = true;
        report["previousYearIncome"] = 1000000;

        var created = await FileAsync(foundation, report);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ratios = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement
            .GetProperty("versions")[0].GetProperty("charityRatios");
        Assert.Equal((0.15m, 0.7m, "previous-year-income", true), (ratios.GetProperty("spendingRatio").GetDecimal(),
            ratios.GetProperty("minimumSpendingRatio").GetDecimal(), ratios.GetProperty("spendingBase").GetString(),
            ratios.GetProperty("spendingBelowMinimum").GetBoolean()));
        // Administrative costs of 30,000 are under the 200,000 yuan below which no ratio applies.
        Assert.False(ratios.GetProperty("administrativeCostAboveMaximum").GetBoolean());
    }

    [Fact]
    public async Task FileAnnualReport_PublicFundraisingWithoutPreviousIncome_Is400_ByAnAssociation_Is400()
    {
        var foundation = await Api.RegisterAsync(OrganizationApi.Registration(kind: "foundation"));
        var association = await Api.RegisterAsync(OrganizationApi.Registration());
        var report = OrganizationApi.Report(fixture.OpenReportYear, "foundation");
        report["publicFundraising"] = true;
        var byAssociation = OrganizationApi.Report(fixture.OpenReportYear);
        byAssociation["publicFundraising"] = true;

        await Problems.AssertProblemAsync(await FileAsync(foundation, report), HttpStatusCode.BadRequest, "field-required");
        await Problems.AssertProblemAsync(await FileAsync(association, byAssociation), HttpStatusCode.BadRequest,
            "charity-figures-only-for-foundations");
    }
}
