using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    private async Task<JsonElement> ApplyAsync((string Id, string Man, string Woman, string Office) couple) =>
        await JsonOf(await fixture.RegistrarAt(couple.Office).PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(couple.Id, couple.Office, couple.Man, couple.Woman)),
            HttpStatusCode.Created);

    private static string Day(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    [Fact]
    public async Task Application_WithdrawnDuringCoolingOff_CannotBeRegisteredAndANewOneMayFollow()
    {
        var (id, man, woman, office) = await MarriedAsync();

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(id, office, man, woman));
        var receipt = await JsonOf(response, HttpStatusCode.Created);
        var applicationId = receipt.GetProperty("applicationId").GetString();
        var today = fixture.Api.Today;

        Assert.Equal($"/api/divorce-applications/{applicationId}", response.Headers.Location?.ToString());
        Assert.Equal(("cooling-off", today.ToString("yyyy-MM-dd")),
            (Day(receipt, "status"), Day(receipt, "receivedOn")));
        Assert.True(DateOnly.Parse(Day(receipt, "coolingOffEnds")) >= today.AddDays(30));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office).PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(id, office, woman, man)), HttpStatusCode.Conflict, "divorce-application-open");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/divorce-applications/{applicationId}/registration",
            MarriageApiFixture.DivorceRegistration(office, man, woman)),
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
            $"/api/divorce-applications/{applicationId}/registration",
            MarriageApiFixture.DivorceRegistration(office, man, woman)),
            HttpStatusCode.Conflict, "divorce-application-withdrawn");
        Assert.EndsWith("-2", Day(await ApplyAsync((id, man, woman, office)), "applicationId"), StringComparison.Ordinal);
        var status = await JsonOf(await Registrar.GetAsync($"/api/persons/{woman}/marital-status"), HttpStatusCode.OK);
        Assert.Equal("married", Day(status, "status"));
    }

    private static JsonObject Changed(object request, Action<JsonObject> change)
    {
        var node = JsonSerializer.SerializeToNode(request, JsonSerializerOptions.Web)!.AsObject();
        change(node);
        return node;
    }

    private static JsonObject Party(JsonObject request, int index) => request["parties"]![index]!.AsObject();

    [Fact]
    public async Task Application_UnlessEachPartyAppliedInPersonAndSigned_Is422NamingTheRuleAndChangesNothing()
    {
        var (id, man, woman, office) = await MarriedAsync();
        var registrar = fixture.RegistrarAt(office);
        var complete = MarriageApiFixture.DivorceApplication(id, office, man, woman);
        var refusals = new (Action<JsonObject> Change, string Rule)[]
        {
            (r => r["parties"]!.AsArray().RemoveAt(1), "divorce-party-missing"),
            (r => Party(r, 1)["idNumber"] = MarriageApiFixture.Woman(), "party-not-in-marriage"),
            (r => Party(r, 1)["idNumber"] = man, "divorce-party-duplicate"),
            (r => Party(r, 1)["appearedInPerson"] = false, "party-must-appear-in-person"),
            (r => Party(r, 0).Remove("appearedInPerson"), "party-must-appear-in-person"),
            (r => Party(r, 0)["signedAgreement"] = false, "divorce-agreement-not-signed"),
            (r => Party(r, 1)["declarations"]!["voluntary"] = false, "divorce-declaration-missing"),
            (r => Party(r, 0).Remove("declarations"), "divorce-declaration-missing"),
            (r => r["agreementStates"]!["debts"] = false, "divorce-agreement-incomplete"),
        };

        foreach (var (change, rule) in refusals)
        {
            await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync("/api/divorce-applications",
                Changed(complete, change)), HttpStatusCode.UnprocessableEntity, rule);
        }

        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync("/api/divorce-applications",
            Changed(complete, r => r.Remove("parties"))), HttpStatusCode.BadRequest, "field-required");
        var malformed = await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync("/api/divorce-applications",
            Changed(complete, r => Party(r, 1)["idNumber"] = MarriageApiFixture.Corrupted(woman))),
            HttpStatusCode.BadRequest, "id-number-check-character");
        Assert.True(malformed.GetProperty("errors").TryGetProperty("parties[1].idNumber", out _), malformed.ToString());
        var untouched = await JsonOf(await Registrar.GetAsync($"/api/marriages/{id}"), HttpStatusCode.OK);
        Assert.Empty(untouched.GetProperty("divorceApplications").EnumerateArray());
        Assert.DoesNotContain(untouched.GetProperty("history").EnumerateArray(),
            e => Day(e, "kind") == "divorce-applied");

        // Both parties in the opposite order: recorded in the marriage's order, each with their own entry.
        var receipt = await JsonOf(await registrar.PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(id, office, woman, man)), HttpStatusCode.Created);
        var read = await JsonOf(await Registrar.GetAsync($"/api/divorce-applications/{Day(receipt, "applicationId")}"),
            HttpStatusCode.OK);
        foreach (var shown in new[] { receipt, read })
        {
            var parties = shown.GetProperty("parties").EnumerateArray().ToList();
            Assert.Equal([ResidentIdNumber.Mask(man), ResidentIdNumber.Mask(woman)], parties.Select(p => Day(p, "party")));
            Assert.All(parties, p => Assert.True(p.GetProperty("appearedInPerson").GetBoolean()
                && p.GetProperty("signedAgreement").GetBoolean() && p.GetProperty("voluntary").GetBoolean()
                && p.GetProperty("truthful").GetBoolean()));
            Assert.True(shown.GetProperty("agreementStates").GetProperty("debts").GetBoolean());
            Assert.Equal(JsonValueKind.Null, shown.GetProperty("registrationParties").ValueKind);
        }
    }

    [Fact]
    public async Task ShippedCalendar_IsLoadedAsDataOutOfTheBox()
    {
        var calendars = (await JsonOf(await Registrar.GetAsync("/api/holiday-calendars"), HttpStatusCode.OK))
            .GetProperty("calendars").EnumerateArray().ToList();

        var shipped = Assert.Single(calendars, c => c.GetProperty("year").GetInt32() == 2026);
        Assert.Equal(1, shipped.GetProperty("version").GetInt32());
        Assert.StartsWith("system", Day(shipped, "loadedBy"), StringComparison.Ordinal);
        Assert.Contains("2026年部分节假日安排", Day(shipped, "reference"), StringComparison.Ordinal);
        Assert.Contains("2026-04-05", shipped.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("2026-09-20", shipped.GetProperty("workingDays").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Application_BadInput_IsAProblemNamingTheRule()
    {
        var (elsewhere, unrecorded) = (MarriageApiFixture.NextOffice(), MarriageApiFixture.UnrecordedOffice());
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(elsewhere).PostAsJsonAsync("/api/divorce-applications",
                MarriageApiFixture.DivorceApplication(new string('0', 32), elsewhere, MarriageApiFixture.Man(),
                    MarriageApiFixture.Woman())),
            HttpStatusCode.NotFound, "marriage-not-found");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(elsewhere).PostAsJsonAsync("/api/divorce-applications",
                MarriageApiFixture.DivorceApplication("x", elsewhere, MarriageApiFixture.Man(),
                    MarriageApiFixture.Woman())),
            HttpStatusCode.BadRequest, "marriage-id-format");
        await Problems.AssertProblemAsync(await Registrar.GetAsync("/api/divorce-applications/not-an-id"),
            HttpStatusCode.BadRequest, "divorce-application-id-format");
        var (id, man, woman, _) = await MarriedAsync();
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(unrecorded).PostAsJsonAsync("/api/divorce-applications",
                MarriageApiFixture.DivorceApplication(id, unrecorded, man, woman)),
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
        var receipt = await ApplyAsync(divorcing);
        var lapsingReceipt = await ApplyAsync(lapsing);
        Assert.Equal(("2026-04-07", "2026-05-07"), (Day(receipt, "coolingOffEnds"), Day(receipt, "lastDayToAppear")));
        var application = Day(receipt, "applicationId");
        var lapsingApplication = Day(lapsingReceipt, "applicationId");

        fixture.Api.MoveTo(new DateOnly(2026, 4, 7));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(divorcing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration",
                MarriageApiFixture.DivorceRegistration(divorcing.Office, divorcing.Man, divorcing.Woman)),
            HttpStatusCode.UnprocessableEntity, "cooling-off-not-over");

        fixture.Api.MoveTo(new DateOnly(2026, 4, 8));
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(lapsing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration",
                MarriageApiFixture.DivorceRegistration(lapsing.Office, divorcing.Man, divorcing.Woman)),
            HttpStatusCode.UnprocessableEntity, "divorce-office-mismatch");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(lapsing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{lapsingApplication}/withdrawal", new { party = lapsing.Woman }),
            HttpStatusCode.UnprocessableEntity, "cooling-off-over");
        var registration = MarriageApiFixture.DivorceRegistration(divorcing.Office, divorcing.Man, divorcing.Woman);
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(divorcing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration",
                Changed(registration, r => Party(r, 1)["confirmsDivorce"] = false)),
            HttpStatusCode.UnprocessableEntity, "divorce-not-confirmed");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(divorcing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration",
                Changed(registration, r => Party(r, 0)["appearedInPerson"] = false)),
            HttpStatusCode.UnprocessableEntity, "party-must-appear-in-person");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(divorcing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration",
                Changed(registration, r => r["parties"]!.AsArray().RemoveAt(0))),
            HttpStatusCode.UnprocessableEntity, "divorce-party-missing");
        var divorce = await JsonOf(await fixture.RegistrarAt(divorcing.Office).PostAsJsonAsync(
                $"/api/divorce-applications/{application}/registration",
                MarriageApiFixture.DivorceRegistration(divorcing.Office, divorcing.Man, divorcing.Woman)),
            HttpStatusCode.Created);
        Assert.StartsWith($"L{divorcing.Office}-2026-", Day(divorce, "certificateNumber"), StringComparison.Ordinal);
        var registered = await JsonOf(await Registrar.GetAsync($"/api/divorce-applications/{application}"),
            HttpStatusCode.OK);
        Assert.Equal([true, true], registered.GetProperty("registrationParties").EnumerateArray()
            .Select(p => p.GetProperty("appearedInPerson").GetBoolean() && p.GetProperty("confirmsDivorce").GetBoolean()));
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
                MarriageApiFixture.DivorceRegistration(lapsing.Office, lapsing.Man, lapsing.Woman)),
            HttpStatusCode.Conflict, "divorce-application-expired");
        var lapsingRecord = await JsonOf(await Registrar.GetAsync($"/api/marriages/{lapsing.Id}"), HttpStatusCode.OK);
        Assert.Equal("in-force", Day(lapsingRecord, "status"));
        Assert.Single(lapsingRecord.GetProperty("history").EnumerateArray(),
            e => Day(e, "kind") == "divorce-deemed-withdrawn");

        // 21 August + 30 days = Sunday 20 September, a working day in 2026 (worked for the National Day holiday).
        fixture.Api.MoveTo(new DateOnly(2026, 8, 21));
        var late = await MarriedAsync();
        var lateReceipt = await ApplyAsync(late);
        Assert.Equal(("2026-09-20", "2026-10-20"),
            (Day(lateReceipt, "coolingOffEnds"), Day(lateReceipt, "lastDayToAppear")));
    }
}
