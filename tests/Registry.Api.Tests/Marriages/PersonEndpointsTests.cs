using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Persons;

namespace Registry.Api.Tests.Marriages;

[Collection(MarriageApiCollection.Name)]
public sealed class PersonEndpointsTests(MarriageApiFixture fixture)
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task GetMaritalStatus_NeverRegistered_IsSingleWithBirthDateAndSexFromTheNumber()
    {
        var person = MarriageApiFixture.Woman();

        var status = await JsonOf(await fixture.Registrar.GetAsync($"/api/persons/{person}/marital-status"),
            HttpStatusCode.OK);

        Assert.Equal(("single", "female", person), (status.GetProperty("status").GetString(),
            status.GetProperty("sex").GetString(), status.GetProperty("idNumber").GetString()));
        Assert.Equal(0, status.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task GetMaritalStatus_InvalidNumber_Is400()
    {
        var response = await fixture.Registrar.GetAsync(
            $"/api/persons/{MarriageApiFixture.Corrupted(MarriageApiFixture.Man())}/marital-status");

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "id-number-check-character");
    }

    [Fact]
    public async Task PostNoMarriageRecordCertificate_WithoutRecord_Is201AndWithARecord_Is409()
    {
        var (single, man, woman) = (MarriageApiFixture.Woman(), MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var office = MarriageApiFixture.NextOffice();
        var married = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office));
        Assert.Equal(HttpStatusCode.Created, married.StatusCode);

        var issued = await JsonOf(await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/persons/{single}/no-marriage-record-certificates", new { office }), HttpStatusCode.Created);
        var refused = await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/persons/{man}/no-marriage-record-certificates", new { office });

        Assert.Equal((single, office, "registrar-1"), (issued.GetProperty("idNumber").GetString(),
            issued.GetProperty("office").GetString(), issued.GetProperty("issuedBy").GetString()));
        await Problems.AssertProblemAsync(refused, HttpStatusCode.Conflict, "marriage-record-exists");
    }

    [Fact]
    public async Task AccessLog_ListsEveryReadOfAPersonWithWhoWhenAndWhatAndMasksTheNumber()
    {
        var person = MarriageApiFixture.Man();
        var clerk = "clerk-" + person[^4..];
        var reader = fixture.Api.ClientAs(clerk, "registrar.marriage");
        var day = fixture.Api.Today.ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/persons/{person}/marital-status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/persons/{person}/marital-status")).StatusCode);

        var bySubject = (await JsonOf(await fixture.Api.ClientAs("auditor", "admin")
            .GetAsync($"/api/access-log?date={day}&subject={person}"), HttpStatusCode.OK)).GetProperty("entries");
        var byActor = (await JsonOf(await fixture.Api.ClientAs("auditor", "admin")
            .GetAsync($"/api/access-log?date={day}&actor={clerk}"), HttpStatusCode.OK)).GetProperty("entries");

        Assert.Equal(2, bySubject.GetArrayLength());
        Assert.All(bySubject.EnumerateArray(), entry =>
        {
            Assert.Equal(clerk, entry.GetProperty("actor").GetString());
            Assert.Equal("marital-status", entry.GetProperty("action").GetString());
            Assert.Equal(ResidentIdNumber.Mask(person), entry.GetProperty("subject").GetString());
            var at = entry.GetProperty("at").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8));
            Assert.Equal(fixture.Api.Today, DateOnly.FromDateTime(at.DateTime));
        });
        Assert.Equal(2, byActor.GetArrayLength());
        Assert.DoesNotContain(person, bySubject.GetRawText());
    }

    [Fact]
    public async Task AccessLog_RecordsTheRefusalThatDisclosesAPersonIsMarried()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var clerk = "clerk-" + man[^4..];
        var office = MarriageApiFixture.NextOffice();
        using var registrar = fixture.Api.CreateClient();
        registrar.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            RegistryApiFactory.Token(["registrar.marriage"], clerk, office: office));
        var day = fixture.Api.Today.ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office))).StatusCode);

        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync("/api/marriages",
                MarriageApiFixture.Registration(man, MarriageApiFixture.Woman(), office)),
            HttpStatusCode.UnprocessableEntity, "person-already-married");

        var bySubject = (await JsonOf(await fixture.Api.ClientAs("auditor", "admin")
            .GetAsync($"/api/access-log?date={day}&subject={man}"), HttpStatusCode.OK)).GetProperty("entries");
        var entry = Assert.Single(bySubject.EnumerateArray());
        Assert.Equal((clerk, "refused-person-already-married"),
            (entry.GetProperty("actor").GetString(), entry.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task AccessLog_PagesThroughAPeriodByActorWithoutLossOrRepeat()
    {
        var clerk = "clerk-paging-" + Guid.NewGuid().ToString("N")[..8];
        var reader = fixture.Api.ClientAs(clerk, "registrar.marriage");
        var people = Enumerable.Range(0, 7).Select(_ => MarriageApiFixture.Man()).ToList();
        foreach (var person in people)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/persons/{person}/marital-status")).StatusCode);
        }

        var auditor = fixture.Api.ClientAs("auditor", "admin");
        var from = fixture.Api.Today.AddDays(-3).ToString("yyyy-MM-dd");
        var to = fixture.Api.Today.ToString("yyyy-MM-dd");
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var query = $"/api/access-log?from={from}&to={to}&actor={clerk}&limit=3" +
                        (next is null ? "" : $"&after={Uri.EscapeDataString(next)}");
            var page = await JsonOf(await auditor.GetAsync(query), HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("subject").GetString()!));
            next = page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(people.Select(ResidentIdNumber.Mask).Order(), seen.Order());
    }

    [Fact]
    public async Task AccessLog_BadPeriodLimitOrPosition_AreProblemsNamingTheRule()
    {
        var auditor = fixture.Api.ClientAs("auditor", "admin");
        var today = fixture.Api.Today;

        await Problems.AssertProblemAsync(await auditor.GetAsync(
                $"/api/access-log?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}"),
            HttpStatusCode.BadRequest, "access-log-period");
        await Problems.AssertProblemAsync(await auditor.GetAsync(
                $"/api/access-log?from={today.AddDays(-400):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
            HttpStatusCode.BadRequest, "access-log-period");
        await Problems.AssertProblemAsync(await auditor.GetAsync("/api/access-log?limit=0"),
            HttpStatusCode.BadRequest, "limit-range");
        await Problems.AssertProblemAsync(await auditor.GetAsync("/api/access-log?after=not-a-position"),
            HttpStatusCode.BadRequest, "cursor-invalid");
    }

    [Fact]
    public async Task AccessLog_RecordsTheRefusalThatDisclosesAPersonIsDeceased()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var clerk = "clerk-" + man[^4..];
        var office = MarriageApiFixture.NextOffice();
        using var registrar = fixture.Api.CreateClient();
        registrar.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            RegistryApiFactory.Token(["registrar.marriage"], clerk, office: office));
        var day = fixture.Api.Today.ToString("yyyy-MM-dd");
        var marriage = await JsonOf(await registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office)), HttpStatusCode.Created);
        var id = marriage.GetProperty("marriageId").GetString();
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync($"/api/marriages/{id}/deaths", new
        {
            party = man,
            diedOn = day,
            proof = "household-deregistration",
            proofReference = "注销-" + Guid.NewGuid().ToString("N")[..8],
            issuedBy = "某派出所",
        })).StatusCode);

        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync("/api/marriages",
                MarriageApiFixture.Registration(man, MarriageApiFixture.Woman(), office)),
            HttpStatusCode.UnprocessableEntity, "person-deceased");

        var bySubject = (await JsonOf(await fixture.Api.ClientAs("auditor", "admin")
            .GetAsync($"/api/access-log?date={day}&subject={man}"), HttpStatusCode.OK)).GetProperty("entries");
        Assert.Contains(bySubject.EnumerateArray(), entry =>
            (entry.GetProperty("actor").GetString(), entry.GetProperty("action").GetString()) ==
            (clerk, "refused-person-deceased"));
    }
}
