using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Registry.Grains.Organizations;

namespace Registry.Api.Tests.Organizations;

/// <summary>
/// The annual cycle end to end through HTTP on an API of its own whose clock the test moves: the deadlines are
/// applied by delivering the tick of the organization's partition sweep, as the silo's reminder service does when it
/// is due.
/// </summary>
public sealed class OrganizationCycleTests
{
    private static async Task<JsonElement> RecordAsync(OrganizationApi api, string uscc) =>
        await api.GetJsonAsync(api.Anonymous(), $"/api/organizations/{uscc}");

    private static async Task<List<string>> ListedAsync(OrganizationApi api, string list) =>
        (await api.GetJsonAsync(api.Anonymous(), $"/api/organizations/lists/{list}?pageSize=100"))
        .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("uscc").GetString()!).ToList();

    private static List<JsonElement> Entries(JsonElement record, string list, bool active) =>
        record.GetProperty("listEntries").EnumerateArray()
            .Where(e => e.GetProperty("list").GetString() == list
                && (e.GetProperty("removedOn").ValueKind == JsonValueKind.Null) == active)
            .ToList();

    [Fact]
    public async Task AnnualCycle_RegisterFileMissGetListedEscalateAndBeRemoved()
    {
        await using var api = new OrganizationApi();
        var start = api.Today;
        var y = start.Year; // the first report year owed after registration
        var uscc = await api.RegisterAsync(OrganizationApi.Registration());
        var other = await api.RegisterAsync(OrganizationApi.Registration());
        var registrar = api.Registrar("registrar-gao");
        var self = api.ForOrganization(uscc);

        // Year y: filed in the window by the organization itself, inspected and passed.
        api.AdvanceTo(new DateOnly(y + 1, 3, 1));
        await Problems.AssertProblemAsync(await api.ForOrganization(other).PostAsJsonAsync(
            $"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(y)), HttpStatusCode.Forbidden,
            "organization-acts-for-itself");
        Assert.Equal(HttpStatusCode.Created,
            (await self.PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(y))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync(
            $"/api/organizations/{uscc}/annual-reports/{y}/inspection", new { outcome = "pass" })).StatusCode);
        api.AdvanceTo(new DateOnly(y + 1, 6, 1));
        await api.DeliverReminderTickAsync(uscc);
        Assert.Empty(Entries(await RecordAsync(api, uscc), "abnormal", active: true));

        // Year y+1 is not filed: listed abnormal the day after its window closes, once however often the tick comes.
        var firstDeadline = new DateOnly(y + 2, 6, 1);
        api.AdvanceTo(firstDeadline.AddDays(-1));
        await api.DeliverReminderTickAsync(uscc);
        Assert.DoesNotContain(uscc, await ListedAsync(api, "abnormal"));
        api.AdvanceTo(firstDeadline);
        await api.DeliverReminderTickAsync(uscc);
        await api.DeliverReminderTickAsync(uscc);
        var listed = Assert.Single(Entries(await RecordAsync(api, uscc), "abnormal", active: true));
        Assert.Equal(("annual-report-not-filed", y + 1, firstDeadline.ToString("yyyy-MM-dd")),
            (listed.GetProperty("ground").GetString(), listed.GetProperty("year").GetInt32(), listed.GetProperty("listedOn").GetString()));
        Assert.Contains(uscc, await ListedAsync(api, "abnormal"));
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/grades",
            new { grade = "3A" }), HttpStatusCode.UnprocessableEntity, "grade-while-listed");

        // Year y+2 not filed either: a second ground, and two consecutive years flag the registration for revocation.
        api.AdvanceTo(new DateOnly(y + 3, 6, 1));
        await api.DeliverReminderTickAsync(uscc);
        var record = await RecordAsync(api, uscc);
        Assert.Equal(2, Entries(record, "abnormal", active: true).Count);
        Assert.Equal([y + 1, y + 2], record.GetProperty("revocationFlag").GetProperty("years").EnumerateArray().Select(e => e.GetInt32()));

        // Two years on the abnormal list: escalated to the serious-dishonesty list on the anniversary of the listing.
        var escalation = firstDeadline.AddYears(2);
        api.AdvanceTo(escalation.AddDays(5));
        await api.DeliverReminderTickAsync(uscc);
        record = await RecordAsync(api, uscc);
        var serious = Assert.Single(Entries(record, "serious-dishonesty", active: true));
        Assert.Equal(escalation.ToString("yyyy-MM-dd"), serious.GetProperty("listedOn").GetString());
        Assert.Empty(Entries(record, "abnormal", active: true));
        Assert.Contains(uscc, await ListedAsync(api, "dishonest"));
        Assert.DoesNotContain(uscc, await ListedAsync(api, "abnormal"));

        // The organization files on time again; leaving the serious list needs two years without new grounds.
        for (var year = y + 4; year <= y + 5; year++)
        {
            api.AdvanceTo(new DateOnly(year + 1, 3, 1));
            Assert.Equal(HttpStatusCode.Created, (await self.PostAsJsonAsync(
                $"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(year))).StatusCode);
            await api.DeliverReminderTickAsync(uscc);
        }

        var removal = new { list = "serious-dishonesty", ground = "本组织申请，两年内无新的失信情形" };
        api.AdvanceTo(escalation.AddYears(2).AddDays(-1));
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/list-removals", removal),
            HttpStatusCode.UnprocessableEntity, "serious-list-removal-too-early");
        api.AdvanceTo(escalation.AddYears(2));
        var removed = await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/list-removals", removal);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        record = await RecordAsync(api, uscc);
        var closed = Assert.Single(Entries(record, "serious-dishonesty", active: false));
        Assert.Equal((escalation.AddYears(2).ToString("yyyy-MM-dd"), removal.ground),
            (closed.GetProperty("removedOn").GetString(), closed.GetProperty("removalGround").GetString()));
        Assert.DoesNotContain(uscc, await ListedAsync(api, "dishonest"));

        // Every step is in the history with its date, who and why.
        var history = (await api.GetJsonAsync(registrar, $"/api/organizations/{uscc}/history")).EnumerateArray().ToList();
        var steps = history.Select(e => (Kind: e.GetProperty("kind").GetString(), By: e.GetProperty("recordedBy").GetString(),
            Date: e.GetProperty("date").GetString())).ToList();
        Assert.Contains(("listed", "system", firstDeadline.ToString("yyyy-MM-dd")), steps);
        Assert.Contains(("flagged-for-revocation", "system", new DateOnly(y + 3, 6, 1).ToString("yyyy-MM-dd")), steps);
        Assert.Contains(("listed", "system", escalation.ToString("yyyy-MM-dd")), steps);
        Assert.Equal(("removed-from-list", "registrar-gao", removal.ground),
            (steps[^1].Kind, steps[^1].By, history[^1].GetProperty("reason").GetString()));
        Assert.Equal(1, steps.Count(s => s == ("listed", "system", firstDeadline.ToString("yyyy-MM-dd"))));
    }

    [Fact]
    public async Task UnreachableAtRegisteredAddress_ListedThatDay_AndEscalatedTwoYearsLater()
    {
        await using var api = new OrganizationApi();
        var uscc = await api.RegisterAsync(OrganizationApi.Registration());
        var foundOn = api.Today;

        var created = await api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/abnormal-listings",
            new { ground = "unreachable-at-registered-address", findings = "挂号信两次退回；实地走访注册地址无办公场所" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = Assert.Single(Entries(await RecordAsync(api, uscc), "abnormal", active: true));
        Assert.Equal(("unreachable-at-registered-address", foundOn.ToString("yyyy-MM-dd")),
            (listed.GetProperty("ground").GetString(), listed.GetProperty("listedOn").GetString()));
        Assert.Contains(uscc, await ListedAsync(api, "abnormal"));

        // Still unreachable two years on (reports not filed either, but those grounds came later): the move to the
        // serious-dishonesty list is dated two years after the finding.
        var escalation = foundOn.AddYears(2);
        api.AdvanceTo(escalation.AddDays(3));
        await api.DeliverReminderTickAsync(uscc);
        await api.DeliverReminderTickAsync(uscc);

        var serious = Assert.Single(Entries(await RecordAsync(api, uscc), "serious-dishonesty", active: true));
        Assert.Equal(escalation.ToString("yyyy-MM-dd"), serious.GetProperty("listedOn").GetString());
        Assert.Contains(uscc, await ListedAsync(api, "dishonest"));
        var history = await api.GetJsonAsync(api.Registrar(), $"/api/organizations/{uscc}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("ground").GetString() == "unreachable-at-registered-address"
            && e.GetProperty("reason").GetString()!.Contains("退回", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AbnormalListing_LeftAfterTheRegistrarRecordsTheMissingReportLate()
    {
        await using var api = new OrganizationApi();
        var y = api.Today.Year;
        var uscc = await api.RegisterAsync(OrganizationApi.Registration());
        var registrar = api.Registrar();
        api.AdvanceTo(new DateOnly(y + 1, 6, 1));
        await api.DeliverReminderTickAsync(uscc);
        var removal = new { list = "abnormal", ground = "已补报年度工作报告，经核实" };

        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/list-removals", removal),
            HttpStatusCode.UnprocessableEntity, "abnormal-obligation-unmet");
        await Problems.AssertProblemAsync(await api.ForOrganization(uscc).PostAsJsonAsync(
            $"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(y)), HttpStatusCode.UnprocessableEntity,
            "annual-report-window");
        var late = OrganizationApi.Report(y);
        late["lateFilingReason"] = "逾期补报";
        var filed = await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports", late);
        var removed = await registrar.PostAsJsonAsync($"/api/organizations/{uscc}/list-removals", removal);

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.True(JsonDocument.Parse(await filed.Content.ReadAsStringAsync()).RootElement.GetProperty("filedLate").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var entry = Assert.Single((await RecordAsync(api, uscc)).GetProperty("listEntries").EnumerateArray());
        Assert.Equal((api.Today.ToString("yyyy-MM-dd"), removal.ground),
            (entry.GetProperty("removedOn").GetString(), entry.GetProperty("removalGround").GetString()));
    }

    [Fact]
    public async Task Deadlines_AndTheSearchIndex_SurviveARestartOfTheApi()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-orgs-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            string uscc;
            string name;
            int y;
            await using (var first = new OrganizationApi(directory))
            {
                var request = OrganizationApi.Registration();
                name = (string)request["name"]!;
                y = first.Today.Year;
                uscc = await first.RegisterAsync(request);
            }

            await using var second = new OrganizationApi(directory);
            second.AdvanceTo(new DateOnly(y + 1, 6, 2));
            var reminders = second.Factory.Services.GetRequiredService<IReminderTable>();
            Assert.NotNull(await reminders.ReadRow(second.SweepOf(uscc).GetGrainId(), OrganizationDeadlineSweepGrain.SweepReminder));
            await second.DeliverReminderTickAsync(uscc);
            await second.DeliverReminderTickAsync(uscc);

            var found = await second.GetJsonAsync(second.Anonymous(), $"/api/organizations?name={Uri.EscapeDataString(name)}");
            Assert.Equal(uscc, found.GetProperty("items")[0].GetProperty("uscc").GetString());
            var entry = Assert.Single((await RecordAsync(second, uscc)).GetProperty("listEntries").EnumerateArray());
            Assert.Equal(new DateOnly(y + 1, 6, 1).ToString("yyyy-MM-dd"), entry.GetProperty("listedOn").GetString());
            Assert.Contains(uscc, await ListedAsync(second, "abnormal"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
