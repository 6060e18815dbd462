using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Persons;

namespace Registry.Api.Tests.Marriages;

[Collection(MarriageApiCollection.Name)]
public sealed class DivorceEndpointsTests(MarriageApiFixture fixture)
{
    private HttpClient Registrar => fixture.Registrar;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<(string Id, string Man, string Woman, string Office)> MarriedAsync()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var office = MarriageApiFixture.NextOffice();
        var created = await JsonOf(await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office)), HttpStatusCode.Created);
        return (created.GetProperty("marriageId").GetString()!, man, woman, office);
    }

    private async Task<JsonElement> ApplyAsync(string marriageId, string office) =>
        await JsonOf(await fixture.RegistrarAt(office).PostAsJsonAsync("/api/divorce-applications",
            new { marriageId, office, agreement = "离婚协议书 (test)" }), HttpStatusCode.Created);

    private static string Day(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    [Fact]
    public async Task Application_WithdrawnDuringCoolingOff_CannotBeRegisteredAndANewOneMayFollow()
    {
        var (id, man, woman, office) = await MarriedAsync();

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/divorce-applications",
            new { marriageId = id, office, agreement = "离婚协议书 (test)" });
        var receipt = await JsonOf(response, HttpStatusCode.Created);
        var applicationId = receipt.GetProperty("applicationId").GetString();
        var today = fixture.Api.Today;

        Assert.Equal($"/api/divorce-applications/{applicationId}", response.Headers.Location?.ToString());
        Assert.Equal(("cooling-off", today.ToString("yyyy-MM-dd")),
            (Day(receipt, "status"), Day(receipt, "receivedOn")));
        Assert.True(DateOnly.Parse(Day(receipt, "coolingOffEnds")) >= today.AddDays(30));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office).PostAsJsonAsync("/api/divorce-applications",
            new { marriageId = id, office, agreement = "again" }), HttpStatusCode.Conflict, "divorce-application-open");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/divorce-applications/{applicationId}/registration", new { office, bothPresent = true }),
            HttpStatusCode.UnprocessableEntity, "cooling-off-not-over");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/divorce-applications/{applicationId}/withdrawal", new { party = MarriageApiFixture.Woman() }),
            HttpStatusCode.UnprocessableEntity, "party-not-in-marriage");

        var withdrawn = await JsonOf(await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/divorce-applications/{applicationId}/withdrawal", new { party = man, reason = "和好" }),
            HttpStatusCode.OK);

        Assert.Equal("withdrawn", Day(withdrawn, "status"));
        Assert.Equal(ResidentIdNumber.Mask(man), Day(withdrawn, "withdrawnBy"));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/divorce-applications/{applicationId}/registration", new { office, bothPresent = true }),
            HttpStatusCode.Conflict, "divorce-application-withdrawn");
        Assert.EndsWith("-2", Day(await ApplyAsync(id, office), "applicationId"), StringComparison.Ordinal);
        var status = await JsonOf(await Registrar.GetAsync($"/api/persons/{woman}/marital-status"), HttpStatusCode.OK);
        Assert.Equal("married", Day(status, "status"));
    }

    [Fact]
    public async Task Application_BadInput_IsAProblemNamingTheRule()
    {
        var (elsewhere, unrecorded) = (MarriageApiFixture.NextOffice(), MarriageApiFixture.UnrecordedOffice());
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(elsewhere).PostAsJsonAsync("/api/divorce-applications",
                new { marriageId = new string('0', 32), office = elsewhere, agreement = "x" }),
            HttpStatusCode.NotFound, "marriage-not-found");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(elsewhere).PostAsJsonAsync("/api/divorce-applications",
                new { marriageId = "x", office = elsewhere, agreement = "x" }),
            HttpStatusCode.BadRequest, "marriage-id-format");
        await Problems.AssertProblemAsync(await Registrar.GetAsync("/api/divorce-applications/not-an-id"),
            HttpStatusCode.BadRequest, "divorce-application-id-format");
        var (id, _, _, _) = await MarriedAsync();
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(unrecorded).PostAsJsonAsync("/api/divorce-applications",
                new { marriageId = id, office = unrecorded, agreement = "x" }),
            HttpStatusCode.UnprocessableEntity, "office-unknown");
        await Problems.AssertProblemAsync(await Registrar.GetAsync($"/api/divorce-applications/{id}-1"),
            HttpStatusCode.NotFound, "divorce-application-not-found");
    }

    /// <summary>
    /// A year at the registry on the 2026 calendar as shipped in appsettings.json (State Council notice of
    /// 4 November 2025): deadlines falling on the Qingming holiday move, one falling on a worked Sunday does not;
    /// registration only inside the window and at the receiving office; an application nobody appears for lapses.
    /// The only test that moves this fixture's calendar, always forward.
    /// </summary>
    [Fact]
    public async Task DivorceYear_OnTheShippedCalendar()
    {
        fixture.Api.MoveTo(new DateOnly(2026, 3, 6));
        var divorcing = await MarriedAsync();
        var lapsing = await MarriedAsync();

        // 6 March + 30 days = Sunday 5 April, inside the Qingming holiday (4-6 April): the period ends Tuesday 7 April;
        // the second period then ends on Thursday 7 May, after the Labour Day holiday (1-5 May).
        var receipt = await ApplyAsync(divorcing.Id, divorcing.Office);
        var lapsingReceipt = await ApplyAsync(lapsing.Id, lapsing.Office);
        Assert.Equal(("2026-04-07", "2026-05-07"), (Day(receipt, "coolingOffEnds"), Day(receipt, "lastDayToAppear")));
        var application = Day(receipt, "applicationId");
        var lapsingApplication = Day(lapsingReceipt, "applicationId");

        fixture.Api.MoveTo(new DateOnly(2026, 4, 7));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(divorcing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration", new { divorcing.Office, bothPresent = true }),
            HttpStatusCode.UnprocessableEntity, "cooling-off-not-over");

        fixture.Api.MoveTo(new DateOnly(2026, 4, 8));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(lapsing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration",
                new { office = lapsing.Office, bothPresent = true }),
            HttpStatusCode.UnprocessableEntity, "divorce-office-mismatch");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(lapsing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{lapsingApplication}/withdrawal", new { party = lapsing.Woman }),
            HttpStatusCode.UnprocessableEntity, "cooling-off-over");
        var divorce = await JsonOf(await fixture.RegistrarAt(divorcing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration", new { divorcing.Office, bothPresent = true }),
            HttpStatusCode.Created);
        Assert.StartsWith($"L{divorcing.Office}-2026-", Day(divorce, "certificateNumber"), StringComparison.Ordinal);
        var record = await JsonOf(await Registrar.GetAsync($"/api/marriages/{divorcing.Id}"), HttpStatusCode.OK);
        Assert.Equal(("divorced", "2026-04-08"), (Day(record, "status"), Day(record, "endedOn")));
        foreach (var person in new[] { divorcing.Man, divorcing.Woman })
        {
            var status = await JsonOf(await Registrar.GetAsync($"/api/persons/{person}/marital-status"),
                HttpStatusCode.OK);
            Assert.Equal("divorced", Day(status, "status"));
        }

        fixture.Api.MoveTo(new DateOnly(2026, 5, 7));
        var lastDay = await JsonOf(await Registrar.GetAsync($"/api/divorce-applications/{lapsingApplication}"),
            HttpStatusCode.OK);
        Assert.Equal("awaiting-registration", Day(lastDay, "status"));

        fixture.Api.MoveTo(new DateOnly(2026, 5, 8));
        var lapsed = await JsonOf(await Registrar.GetAsync($"/api/divorce-applications/{lapsingApplication}"),
            HttpStatusCode.OK);
        Assert.Equal(("deemed-withdrawn", "2026-05-08"), (Day(lapsed, "status"), Day(lapsed, "closedOn")));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(lapsing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{lapsingApplication}/registration",
                new { lapsing.Office, bothPresent = true }),
            HttpStatusCode.Conflict, "divorce-application-expired");
        var lapsingRecord = await JsonOf(await Registrar.GetAsync($"/api/marriages/{lapsing.Id}"), HttpStatusCode.OK);
        Assert.Equal("in-force", Day(lapsingRecord, "status"));
        Assert.Single(lapsingRecord.GetProperty("history").EnumerateArray(),
            e => Day(e, "kind") == "divorce-deemed-withdrawn");

        // 21 August + 30 days = Sunday 20 September, a working day in 2026 (worked for the National Day holiday).
        fixture.Api.MoveTo(new DateOnly(2026, 8, 21));
        var late = await MarriedAsync();
        var lateReceipt = await ApplyAsync(late.Id, late.Office);
        Assert.Equal(("2026-09-20", "2026-10-20"),
            (Day(lateReceipt, "coolingOffEnds"), Day(lateReceipt, "lastDayToAppear")));
    }
}
