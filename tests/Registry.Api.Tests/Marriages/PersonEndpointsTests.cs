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
    public async Task PostMarriageRecordExtract_SinglePerson_Is201StatingNoneAndReadableByItsNumber()
    {
        var single = MarriageApiFixture.Woman();
        var office = MarriageApiFixture.NextOffice();

        var issuedResponse = await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/persons/{single}/marriage-record-extracts", new { office });
        var issued = await JsonOf(issuedResponse, HttpStatusCode.Created);
        var number = issued.GetProperty("number").GetString()!;
        var read = await JsonOf(await fixture.Registrar.GetAsync(issuedResponse.Headers.Location), HttpStatusCode.OK);

        Assert.Matches($"^Z{office}-{fixture.Api.Today.Year}-[0-9]{{6}}$", number);
        Assert.Equal((single, office, "single", 0), (issued.GetProperty("idNumber").GetString(),
            issued.GetProperty("office").GetString(), issued.GetProperty("status").GetString(),
            issued.GetProperty("records").GetArrayLength()));
        Assert.Contains("no marriage record", issued.GetProperty("statement").GetString());
        Assert.Equal($"/api/marriage-record-extracts/{number}", issuedResponse.Headers.Location!.OriginalString);
        Assert.Equal(issued.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task PostMarriageRecordExtract_WidowedPerson_ListsTheRecordWithItsStatus()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var office = MarriageApiFixture.NextOffice();
        var registrar = fixture.RegistrarAt(office);
        var married = await JsonOf(await registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office)), HttpStatusCode.Created);
        var id = married.GetProperty("marriageId").GetString();
        await JsonOf(await registrar.PostAsJsonAsync($"/api/marriages/{id}/deaths", new
        {
            party = man,
            diedOn = fixture.Api.Today.ToString("yyyy-MM-dd"),
            proof = "death-certificate",
            proofReference = "死亡证明-" + man[^6..],
            issuedBy = "某医院",
        }), HttpStatusCode.Created);

        var extract = await JsonOf(await registrar.PostAsJsonAsync(
            $"/api/persons/{woman}/marriage-record-extracts", new { office }), HttpStatusCode.Created);

        Assert.Equal("widowed", extract.GetProperty("status").GetString());
        var record = Assert.Single(extract.GetProperty("records").EnumerateArray());
        Assert.Equal((id, "ended-by-death", ResidentIdNumber.Mask(man), false),
            (record.GetProperty("marriageId").GetString(), record.GetProperty("status").GetString(),
                record.GetProperty("spouse").GetString(), record.GetProperty("fromArchive").GetBoolean()));
        Assert.Contains("1 marriage record", extract.GetProperty("statement").GetString());
    }

    [Fact]
    public async Task GetMarriageRecordExtract_MalformedIs400AndNeverIssuedIs404()
    {
        await Problems.AssertProblemAsync(await fixture.Registrar.GetAsync(
            "/api/marriage-record-extracts/J110101-2026-000001"), HttpStatusCode.BadRequest, "extract-number-format");
        await Problems.AssertProblemAsync(await fixture.Registrar.GetAsync(
            "/api/marriage-record-extracts/Z110101-1999-000001"), HttpStatusCode.NotFound, "extract-not-found");
    }

    [Fact]
    public async Task MarriageRecordExtract_IssueAndReadAreEachInTheAccessLog()
    {
        var person = MarriageApiFixture.Man();
        var office = MarriageApiFixture.NextOffice();
        var clerk = "clerk-x" + person[^4..];
        using var registrar = fixture.Api.CreateClient();
        registrar.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            RegistryApiFactory.Token(["registrar.marriage"], clerk, office: office));
        var issued = await JsonOf(await registrar.PostAsJsonAsync(
            $"/api/persons/{person}/marriage-record-extracts", new { office }), HttpStatusCode.Created);
        var number = issued.GetProperty("number").GetString();
        await JsonOf(await registrar.GetAsync($"/api/marriage-record-extracts/{number}"), HttpStatusCode.OK);

        var log = await JsonOf(await fixture.Api.ClientAs("auditor", "admin").GetAsync(
            $"/api/access-log?date={fixture.Api.Today:yyyy-MM-dd}&subject={person}"), HttpStatusCode.OK);

        Assert.Equal(2, log.GetProperty("entries").EnumerateArray().Count(e =>
            e.GetProperty("action").GetString() == "marriage-record-extract"
            && e.GetProperty("actor").GetString() == clerk));
    }

    [Fact]
    public async Task SearchByName_PagesThroughTheBearers_WithNextAsAfter()
    {
        var men = new[] { MarriageApiFixture.Man(), MarriageApiFixture.Man(), MarriageApiFixture.Man() };
        var name = "司马" + string.Concat(men[0][^7..^1].Select(d => "零一二三四五六七八九"[d - '0']));
        var office = MarriageApiFixture.NextOffice();
        using var registrar = fixture.Api.CreateClient();
        registrar.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            RegistryApiFactory.Token(["registrar.marriage"], "clerk-p" + men[0][^4..], office: office));
        foreach (var man in men)
        {
            await JsonOf(await registrar.PostAsJsonAsync("/api/marriages", new
            {
                office,
                partyA = new { idNumber = man, name, nationality = "中国" },
                partyB = new { idNumber = MarriageApiFixture.Woman(), name = "李" + name[2..], nationality = "中国" },
                declarations = new { noSpouse = true, noProhibitedKinship = true },
                bothPresent = true,
            }), HttpStatusCode.Created);
        }

        var pages = new List<JsonElement>();
        string? after = null;
        do
        {
            pages.Add(await JsonOf(await registrar.GetAsync($"/api/persons?name={Uri.EscapeDataString(name)}&limit=2" +
                (after is null ? "" : $"&after={after}")), HttpStatusCode.OK));
            after = pages[^1].GetProperty("next").GetString();
        }
        while (after is not null && pages.Count < 5);

        Assert.Equal([(2, true), (1, false)], pages.Select(p =>
            (p.GetProperty("count").GetInt32(), p.GetProperty("truncated").GetBoolean())));
        var order = men.OrderBy(PersonSearchAnswer.PageKeyOf, StringComparer.Ordinal).ToList();
        Assert.Equal(order, pages.SelectMany(p => p.GetProperty("persons").EnumerateArray())
            .Select(p => p.GetProperty("idNumber").GetString()));
        // The cursor is the last person's page key, a digest: no document key in the URL.
        Assert.Equal(PersonSearchAnswer.PageKeyOf(order[1]), pages[0].GetProperty("next").GetString());
        Assert.Equal(3, (await JsonOf(await registrar.GetAsync($"/api/persons?name={Uri.EscapeDataString(name)}"),
            HttpStatusCode.OK)).GetProperty("count").GetInt32());
        foreach (var (query, rule) in new[]
                 {
                     ("&limit=0", "limit-range"), ("&limit=51", "limit-range"), ("&after=%21%21", "cursor-invalid"),
                     ($"&after={men[0]}", "cursor-invalid"), ($"&after={new string('A', 32)}", "cursor-invalid"),
                     ("&limit=abc", "query-value"), ("&limit=1&limit=2", "query-value"),
                 })
        {
            await Problems.AssertProblemAsync(await registrar.GetAsync(
                $"/api/persons?name={Uri.EscapeDataString(name)}{query}"), HttpStatusCode.BadRequest, rule);
        }
    }

    [Fact]
    public async Task SearchByName_FindsThePersonWithDocumentsAndStatus_AndEverySearchIsLogged()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var surname = "欧阳" + string.Concat(man[^7..^1].Select(d => "零一二三四五六七八九"[d - '0']));
        var office = MarriageApiFixture.NextOffice();
        var clerk = "clerk-s" + man[^4..];
        using var registrar = fixture.Api.CreateClient();
        registrar.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            RegistryApiFactory.Token(["registrar.marriage"], clerk, office: office));
        await JsonOf(await registrar.PostAsJsonAsync("/api/marriages", new
        {
            office,
            partyA = new { idNumber = man, name = surname, nationality = "中国" },
            partyB = new { idNumber = woman, name = "李" + surname[2..], nationality = "中国" },
            declarations = new { noSpouse = true, noProhibitedKinship = true },
            bothPresent = true,
        }), HttpStatusCode.Created);

        var found = await JsonOf(await registrar.GetAsync($"/api/persons?name={Uri.EscapeDataString(" " + surname)}"),
            HttpStatusCode.OK);
        var none = await JsonOf(await registrar.GetAsync($"/api/persons?name={Uri.EscapeDataString(surname + "甲")}"),
            HttpStatusCode.OK);

        var person = Assert.Single(found.GetProperty("persons").EnumerateArray());
        Assert.Equal((man, "married", surname), (person.GetProperty("idNumber").GetString(),
            person.GetProperty("status").GetString(), person.GetProperty("names")[0].GetString()));
        Assert.Equal(0, none.GetProperty("count").GetInt32());
        await Problems.AssertProblemAsync(await registrar.GetAsync("/api/persons?name=%20"),
            HttpStatusCode.BadRequest, "field-required");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.Api.ClientAs("gis-1", "gis").GetAsync($"/api/persons?name={surname}")).StatusCode);

        var log = await JsonOf(await fixture.Api.ClientAs("auditor", "admin").GetAsync(
            $"/api/access-log?date={fixture.Api.Today:yyyy-MM-dd}&actor={clerk}"), HttpStatusCode.OK);
        var entries = log.GetProperty("entries");
        var searches = entries.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "person-search")
            .Select(e => e.GetProperty("recordId").GetString()).ToList();
        Assert.Equal([$"name={surname}; results=1", $"name={surname}甲; results=0"], searches);
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("action").GetString() == "marital-status"
            && e.GetProperty("subject").GetString() == ResidentIdNumber.Mask(man));
    }

    [Fact]
    public async Task AccessLog_ListsEveryReadOfAPersonWithWhoWhenAndWhatAndMasksTheNumber()
    {
        var person = MarriageApiFixture.Man();
        // Its own actor: a clerk named after the number's last digits may be another test's (numbers ending alike).
        var clerk = "clerk-reads-" + Guid.NewGuid().ToString("N")[..8];
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
