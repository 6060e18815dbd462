using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Api.Tests.Organizations;

/// <summary>
/// Grade evaluation rules and sanctions through HTTP, each on an API of its own whose clock the test moves by years.
/// </summary>
public sealed class OrganizationGradeAndSanctionTests
{
    private static async Task<JsonElement> RecordAsync(OrganizationApi api, string uscc) =>
        await api.GetJsonAsync(api.Anonymous(), $"/api/organizations/{uscc}");

    /// <summary>Registers, files each year's report in its window and has it passed, up to two full years on.</summary>
    private static async Task<string> EligibleAsync(OrganizationApi api)
    {
        var start = api.Today;
        var uscc = await api.RegisterAsync(OrganizationApi.Registration());
        for (var year = start.Year; year <= start.Year + 1; year++)
        {
            api.AdvanceTo(new DateOnly(year + 1, 3, 1));
            Assert.Equal(HttpStatusCode.Created, (await api.ForOrganization(uscc).PostAsJsonAsync(
                $"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(year))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await api.Registrar().PostAsJsonAsync(
                $"/api/organizations/{uscc}/annual-reports/{year}/inspection", new { outcome = "pass" })).StatusCode);
        }

        api.AdvanceTo(start.AddYears(2));
        await api.DeliverReminderTickAsync(uscc);
        return uscc;
    }

    private static object Penalty(string kind, string number, DateOnly decidedOn, decimal? amount = null,
        DateOnly? from = null, DateOnly? until = null) => new
    {
        kind,
        decisionNumber = number,
        decidedOn = decidedOn.ToString("yyyy-MM-dd"),
        authority = "北京市东城区民政局",
        grounds = "违反《社会团体登记管理条例》第三十条",
        amount,
        suspendedFrom = from?.ToString("yyyy-MM-dd"),
        suspendedUntil = until?.ToString("yyyy-MM-dd"),
    };

    [Fact]
    public async Task Grade_TwoFullYearsAfterRegistration_OneInForce_ReevaluatedOnlyWhenExpired()
    {
        await using var api = new OrganizationApi();
        var registeredOn = api.Today;
        var uscc = await EligibleAsync(api);
        var registrar = api.Registrar();

        var created = await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/grades", new { grade = "4A", reason = "评估委员会" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/grades",
            new { grade = "5A" }), HttpStatusCode.Conflict, "grade-in-force");

        var grade = (await RecordAsync(api, uscc)).GetProperty("grade");
        Assert.Equal(("4A", registeredOn.AddYears(2).ToString("yyyy-MM-dd"), registeredOn.AddYears(7).ToString("yyyy-MM-dd"), "in-force"),
            (grade.GetProperty("grade").GetString(), grade.GetProperty("evaluatedOn").GetString(),
                grade.GetProperty("validUntil").GetString(), grade.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Grade_DecidedEarlier_RunsFromItsDecision_WithItsNumberAndDepartment_InTheOrderDecided()
    {
        await using var api = new OrganizationApi();
        var registeredOn = api.Today;
        var uscc = await EligibleAsync(api);
        api.AdvanceTo(api.Today.AddDays(40));
        var registrar = api.Registrar();
        var grades = $"/api/organizations/{uscc}/grades";
        var decided = api.Today.AddDays(-30);

        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(grades,
            new { grade = "4A", evaluatedOn = api.Today.AddDays(1).ToString("yyyy-MM-dd") }),
            HttpStatusCode.BadRequest, "grade-date");
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(grades,
            new { grade = "4A", evaluatedOn = registeredOn.AddYears(2).AddDays(-1).ToString("yyyy-MM-dd") }),
            HttpStatusCode.UnprocessableEntity, "grade-too-early");

        var created = await registrar.PostAsJsonAsync(grades, new
        {
            grade = "4A",
            evaluatedOn = decided.ToString("yyyy-MM-dd"),
            decisionNumber = "东民社评〔2028〕3号",
            authority = "北京市东城区民政局",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // The public record: valid five years from the decision, with its number and department.
        var grade = (await RecordAsync(api, uscc)).GetProperty("grade");
        Assert.Equal(("4A", decided.ToString("yyyy-MM-dd"), decided.AddYears(5).ToString("yyyy-MM-dd"), "in-force",
                "东民社评〔2028〕3号", "北京市东城区民政局"),
            (grade.GetProperty("grade").GetString(), grade.GetProperty("evaluatedOn").GetString(),
                grade.GetProperty("validUntil").GetString(), grade.GetProperty("status").GetString(),
                grade.GetProperty("decisionNumber").GetString(), grade.GetProperty("authority").GetString()));

        // A grade decided before the one recorded is refused: grades are recorded in the order decided.
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(grades,
            new { grade = "3A", evaluatedOn = decided.AddDays(-5).ToString("yyyy-MM-dd") }),
            HttpStatusCode.Conflict, "grade-out-of-order");
        Assert.Equal("4A", (await RecordAsync(api, uscc)).GetProperty("grade").GetProperty("grade").GetString());
    }

    [Fact]
    public async Task Grade_ReportsFiledButNeverInspected_Is422_AndAfterMissedWindows_Is422Listed()
    {
        await using var api = new OrganizationApi();
        var start = api.Today;
        var filer = await api.RegisterAsync(OrganizationApi.Registration());
        var silent = await api.RegisterAsync(OrganizationApi.Registration());
        for (var year = start.Year; year <= start.Year + 1; year++)
        {
            api.AdvanceTo(new DateOnly(year + 1, 3, 1));
            Assert.Equal(HttpStatusCode.Created, (await api.ForOrganization(filer).PostAsJsonAsync(
                $"/api/organizations/{filer}/annual-reports", OrganizationApi.Report(year))).StatusCode);
        }

        api.AdvanceTo(start.AddYears(2).AddDays(1));
        await api.DeliverReminderTickAsync(filer);
        await api.DeliverReminderTickAsync(silent);

        await Problems.AssertProblemAsync(await api.Registrar().PostAsJsonAsync($"/api/organizations/{filer}/grades",
            new { grade = "3A" }), HttpStatusCode.UnprocessableEntity, "grade-without-inspection");
        await Problems.AssertProblemAsync(await api.Registrar().PostAsJsonAsync($"/api/organizations/{silent}/grades",
            new { grade = "3A" }), HttpStatusCode.UnprocessableEntity, "grade-while-listed");
        Assert.Equal(JsonValueKind.Null, (await RecordAsync(api, filer)).GetProperty("grade").ValueKind);
    }

    [Fact]
    public async Task Deregistration_EndsTheGrade_AndThePublicRecordSaysSo()
    {
        await using var api = new OrganizationApi();
        var uscc = await EligibleAsync(api);
        await api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/grades", new { grade = "3A" });
        api.AdvanceTo(api.Today.AddDays(40));

        Assert.Equal(HttpStatusCode.OK, (await api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/deregistration",
            new { reason = "理事会决议解散，清算完毕" })).StatusCode);

        var grade = (await RecordAsync(api, uscc)).GetProperty("grade");
        Assert.Equal(("ended", api.Today.ToString("yyyy-MM-dd"), "deregistered"),
            (grade.GetProperty("status").GetString(), grade.GetProperty("endedOn").GetString(), grade.GetProperty("endedBecause").GetString()));
    }

    [Fact]
    public async Task Penalties_ArePublicWithTheirDecision_AndMalformedOnesAre400WithTheirRule()
    {
        await using var api = new OrganizationApi();
        var uscc = await api.RegisterAsync(OrganizationApi.Registration());
        var today = api.Today;
        var registrar = api.Registrar();
        var url = $"/api/organizations/{uscc}/penalties";

        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync(url, Penalty("warning", "东民罚〔1〕号", today))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync(url, Penalty("fine", "东民罚〔2〕号", today, amount: 60000))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync(url,
            Penalty("suspension", "东民罚〔3〕号", today, from: today, until: today.AddMonths(3)))).StatusCode);
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, Penalty("fine", "东民罚〔4〕号", today)),
            HttpStatusCode.BadRequest, "penalty-amount-required");
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, Penalty("confiscation", "东民罚〔1〕号", today, amount: 5)),
            HttpStatusCode.Conflict, "penalty-decision-recorded");
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, Penalty("suspension", "东民罚〔5〕号", today)),
            HttpStatusCode.BadRequest, "suspension-period-required");
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, Penalty("warning", "东民罚〔6〕号", today.AddDays(1))),
            HttpStatusCode.BadRequest, "decision-date-future");
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, new { kind = "warning" }),
            HttpStatusCode.BadRequest, "field-required");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await api.ForOrganization(uscc).PostAsJsonAsync(url, Penalty("warning", "x", today))).StatusCode);

        var penalties = (await RecordAsync(api, uscc)).GetProperty("penalties").EnumerateArray().ToList();
        Assert.Equal(["warning", "fine", "suspension"], penalties.Select(p => p.GetProperty("kind").GetString()));
        Assert.Equal(("东民罚〔2〕号", "北京市东城区民政局", 60000m, today.ToString("yyyy-MM-dd")),
            (penalties[1].GetProperty("decisionNumber").GetString(), penalties[1].GetProperty("authority").GetString(),
                penalties[1].GetProperty("amount").GetDecimal(), penalties[1].GetProperty("decidedOn").GetString()));
        Assert.Equal(today.AddMonths(3).ToString("yyyy-MM-dd"), penalties[2].GetProperty("suspendedUntil").GetString());
    }

    [Fact]
    public async Task Revocation_EndsTheOrganizationLikeDeregistration_EndsItsGrade_AndListsIt()
    {
        await using var api = new OrganizationApi();
        var uscc = await EligibleAsync(api);
        var registrar = api.Registrar();
        await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/grades", new { grade = "5A" });
        var record = await RecordAsync(api, uscc);
        var name = record.GetProperty("name").GetString()!;
        var office = record.GetProperty("registeringOffice").GetString()!;
        api.AdvanceTo(api.Today.AddDays(10));

        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/penalties",
            Penalty("revocation", "东民撤〔2029〕1号", api.Today))).StatusCode);

        record = await RecordAsync(api, uscc);
        Assert.Equal(("revoked", api.Today.ToString("yyyy-MM-dd")),
            (record.GetProperty("status").GetString(), record.GetProperty("revokedOn").GetString()));
        Assert.Equal(("ended", "registration-revoked"),
            (record.GetProperty("grade").GetProperty("status").GetString(), record.GetProperty("grade").GetProperty("endedBecause").GetString()));
        var listing = record.GetProperty("listEntries").EnumerateArray().Single(e => e.GetProperty("list").GetString() == "serious-dishonesty");
        Assert.Equal(("registration-revoked", "东民撤〔2029〕1号"),
            (listing.GetProperty("ground").GetString(), listing.GetProperty("decisionNumber").GetString()));
        var dishonest = await api.GetJsonAsync(api.Anonymous(), "/api/organizations/lists/dishonest?pageSize=100");
        Assert.Contains(dishonest.GetProperty("items").EnumerateArray(), e => e.GetProperty("uscc").GetString() == uscc);
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/changes",
            new { address = "新址", reason = "迁址" }), HttpStatusCode.Conflict, "organization-revoked");

        // The name is free again in the office, as after deregistration.
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync("/api/organizations",
            OrganizationApi.Registration(office: office, name: name))).StatusCode);
    }

    [Fact]
    public async Task DishonestListing_ByDecisionOnAGroundOfTheMeasures_EndsTheGrade_AndTheGroundIsChecked()
    {
        await using var api = new OrganizationApi();
        var uscc = await EligibleAsync(api);
        var registrar = api.Registrar();
        await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/grades", new { grade = "4A" });
        var today = api.Today;
        var url = $"/api/organizations/{uscc}/dishonest-listings";
        object Listing(string ground, string number) => new
        {
            ground, decisionNumber = number, decidedOn = today.ToString("yyyy-MM-dd"), authority = "北京市东城区民政局",
            reason = "依据《社会组织信用信息管理办法》第十四条",
        };

        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, Listing("abnormal-list-two-years", "1")),
            HttpStatusCode.BadRequest, "dishonesty-ground");
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, Listing("fine-of-50000-or-more", "2")),
            HttpStatusCode.UnprocessableEntity, "dishonesty-ground-not-on-record");
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/penalties",
            Penalty("fine", "东民罚〔9〕号", today, amount: 80000))).StatusCode);
        var listed = await registrar.PostAsJsonAsync(url, Listing("fine-of-50000-or-more", "东民信〔1〕号"));
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync(url, Listing("other-by-law", "东民信〔2〕号")),
            HttpStatusCode.Conflict, "already-on-serious-list");

        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var record = await RecordAsync(api, uscc);
        Assert.Equal("active", record.GetProperty("status").GetString());
        Assert.Equal(("ended", "serious-dishonesty-list"),
            (record.GetProperty("grade").GetProperty("status").GetString(), record.GetProperty("grade").GetProperty("endedBecause").GetString()));
        var entry = Assert.Single(record.GetProperty("listEntries").EnumerateArray());
        Assert.Equal(("serious-dishonesty", "fine-of-50000-or-more", "东民信〔1〕号", today.ToString("yyyy-MM-dd")),
            (entry.GetProperty("list").GetString(), entry.GetProperty("ground").GetString(),
                entry.GetProperty("decisionNumber").GetString(), entry.GetProperty("listedOn").GetString()));
        var dishonest = await api.GetJsonAsync(api.Anonymous(), "/api/organizations/lists/dishonest?pageSize=100");
        Assert.Contains(dishonest.GetProperty("items").EnumerateArray(), e => e.GetProperty("uscc").GetString() == uscc);
    }
}
