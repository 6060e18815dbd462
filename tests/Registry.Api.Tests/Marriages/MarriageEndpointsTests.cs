using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Persons;

namespace Registry.Api.Tests.Marriages;

[Collection(MarriageApiCollection.Name)]
public sealed class MarriageEndpointsTests(MarriageApiFixture fixture)
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> RegisterAsync(string a, string b, string office) =>
        await JsonOf(await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(a, b, office)), HttpStatusCode.Created);

    private async Task<JsonElement> StatusOf(string idNumber) =>
        await JsonOf(await fixture.Registrar.GetAsync($"/api/persons/{idNumber}/marital-status"), HttpStatusCode.OK);

    [Fact]
    public async Task PostMarriage_ManAndWoman_Is201WithIdAndJNumberAndTheRecordReadsBack()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var office = MarriageApiFixture.NextOffice();

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office));

        var created = await JsonOf(response, HttpStatusCode.Created);
        var id = created.GetProperty("marriageId").GetString()!;
        var number = created.GetProperty("certificateNumber").GetString()!;
        Assert.Matches($"^J{office}-{fixture.Api.Today.Year}-\\d{{6}}$", number);
        Assert.Equal($"/api/marriages/{id}", response.Headers.Location?.ToString());
        var record = await JsonOf(await fixture.Registrar.GetAsync($"/api/marriages/{id}"), HttpStatusCode.OK);
        Assert.Equal("in-force", record.GetProperty("status").GetString());
        Assert.Equal(number, record.GetProperty("certificateNumber").GetString());
        Assert.Equal(man, record.GetProperty("partyA").GetProperty("idNumber").GetString());
        Assert.Equal("male", record.GetProperty("partyA").GetProperty("sex").GetString());
        Assert.Equal(man[6..10] + "-" + man[10..12] + "-" + man[12..14],
            record.GetProperty("partyA").GetProperty("birthDate").GetString());
        Assert.Equal("female", record.GetProperty("partyB").GetProperty("sex").GetString());
        Assert.All(record.GetProperty("certificates").EnumerateArray(), c =>
            Assert.Matches("^\\d{6}\\*{8}[0-9X]{4}$", c.GetProperty("holder").GetString()!));
        var status = await StatusOf(woman);
        Assert.Equal("married", status.GetProperty("status").GetString());
        Assert.Equal(id, status.GetProperty("currentMarriageId").GetString());
        var reference = status.GetProperty("records")[0];
        Assert.Equal(number, reference.GetProperty("certificateNumber").GetString());
        Assert.Equal(ResidentIdNumber.Mask(man), reference.GetProperty("spouse").GetString());
    }

    [Fact]
    public async Task PostMarriage_PersonAlreadyMarried_Is422AndTheNewPartnerStaysSingle()
    {
        var (man, wife, other) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman(), MarriageApiFixture.Woman());
        await RegisterAsync(man, wife, MarriageApiFixture.NextOffice());
        var office = MarriageApiFixture.NextOffice();

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(other, man, office));

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "person-already-married");
        Assert.Equal("single", (await StatusOf(other)).GetProperty("status").GetString());
    }

    public static TheoryData<string, string> RuleRefusals() => new()
    {
        { "under-age", "under-legal-age" },
        { "same-person", "same-person" },
        { "same-sex", "parties-not-opposite-sex" },
        { "no-declarations", "declaration-missing" },
        { "no-kinship-declaration", "declaration-missing" },
        { "absent", "both-parties-must-appear" },
        { "unknown-office", "office-unknown" },
    };

    [Theory]
    [MemberData(nameof(RuleRefusals))]
    public async Task PostMarriage_RefusedByARule_Is422NamingItAndNothingIsStored(string @case, string rule)
    {
        var man = MarriageApiFixture.Man();
        var woman = MarriageApiFixture.Woman();
        var office = @case == "unknown-office" ? MarriageApiFixture.UnrecordedOffice() : MarriageApiFixture.NextOffice();
        object body = @case switch
        {
            "under-age" => MarriageApiFixture.Registration(
                MarriageApiFixture.Born(fixture.Api.Today.AddYears(-22).AddDays(1), Sex.Male), woman, office),
            "same-person" => MarriageApiFixture.Registration(woman, woman, office),
            "same-sex" => MarriageApiFixture.Registration(man, MarriageApiFixture.Man(), office),
            "no-declarations" => new
            {
                office, partyA = new { idNumber = man, name = "甲", nationality = "中国" },
                partyB = new { idNumber = woman, name = "乙", nationality = "中国" }, bothPresent = true,
            },
            "no-kinship-declaration" => new
            {
                office, partyA = new { idNumber = man, name = "甲", nationality = "中国" },
                partyB = new { idNumber = woman, name = "乙", nationality = "中国" },
                declarations = new { noSpouse = true, noProhibitedKinship = false }, bothPresent = true,
            },
            "absent" => new
            {
                office, partyA = new { idNumber = man, name = "甲", nationality = "中国" },
                partyB = new { idNumber = woman, name = "乙", nationality = "中国" },
                declarations = new { noSpouse = true, noProhibitedKinship = true },
            },
            _ => MarriageApiFixture.Registration(man, woman, office),
        };

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", body);

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, rule);
        var status = await StatusOf(woman);
        Assert.Equal("single", status.GetProperty("status").GetString());
        Assert.Equal(0, status.GetProperty("records").GetArrayLength());
        Assert.False(status.GetProperty("registrationInProgress").GetBoolean());
    }

    [Fact]
    public async Task PostMarriage_CorruptedIdNumber_Is400NamingTheFieldAndRule()
    {
        var (woman, office) = (MarriageApiFixture.Woman(), MarriageApiFixture.NextOffice());

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", MarriageApiFixture.Registration(
            MarriageApiFixture.Man(), MarriageApiFixture.Corrupted(woman), office));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest,
            "id-number-check-character");
        Assert.True(problem.GetProperty("errors").TryGetProperty("partyB.idNumber", out _));
    }

    [Fact]
    public async Task PostMarriage_IdNumberOfNoRecordedProvince_Is400AddressCode()
    {
        var office = MarriageApiFixture.NextOffice();
        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", MarriageApiFixture.Registration(
            MarriageApiFixture.UnrecordedProvinceIdNumber(), MarriageApiFixture.Woman(), office));

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "id-number-address-code");
    }

    [Fact]
    public async Task PostMarriage_MissingFieldsAndMalformedOffice_Is400ListingEveryField()
    {
        var response = await fixture.Registrar.PostAsJsonAsync("/api/marriages",
            new { office = "11010", partyA = new { idNumber = MarriageApiFixture.Man() } });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "office-code-format");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["office", "partyA.name", "partyA.nationality", "partyB"], fields);
    }

    [Fact]
    public async Task PostMarriage_NoBodyOrBrokenJson_Is400()
    {
        using var broken = new StringContent("{\"office\": ", Encoding.UTF8, "application/json");

        await Problems.AssertProblemAsync(await fixture.Registrar.PostAsync("/api/marriages", broken),
            HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task GetMarriage_UnknownOrMalformedId_Is404Or400()
    {
        await Problems.AssertProblemAsync(await fixture.Registrar.GetAsync($"/api/marriages/{new string('0', 32)}"),
            HttpStatusCode.NotFound, "marriage-not-found");
        await Problems.AssertProblemAsync(await fixture.Registrar.GetAsync("/api/marriages/not-an-id"),
            HttpStatusCode.BadRequest, "marriage-id-format");
    }

    [Fact]
    public async Task PostReplacement_IssuesABJNumberAndTheOldOneIsVoid()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var created = await RegisterAsync(man, woman, MarriageApiFixture.NextOffice());
        var id = created.GetProperty("marriageId").GetString();
        var elsewhere = MarriageApiFixture.NextOffice();

        var replacement = await JsonOf(await fixture.RegistrarAt(elsewhere).PostAsJsonAsync(
            $"/api/marriages/{id}/certificate-replacements", new { party = man, office = elsewhere }),
            HttpStatusCode.Created);

        Assert.StartsWith($"BJ{elsewhere}-", replacement.GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.Equal("marriage-replacement", replacement.GetProperty("kind").GetString());
        var record = await JsonOf(await fixture.Registrar.GetAsync($"/api/marriages/{id}"), HttpStatusCode.OK);
        var old = record.GetProperty("certificates").EnumerateArray()
            .Single(c => c.GetProperty("replacedBy").ValueKind == JsonValueKind.String);
        Assert.True(old.GetProperty("void").GetBoolean());
        Assert.Equal(created.GetProperty("certificateNumber").GetString(), old.GetProperty("number").GetString());
        Assert.Equal(ResidentIdNumber.Mask(man), old.GetProperty("holder").GetString());
        var stranger = await fixture.RegistrarAt(elsewhere).PostAsJsonAsync($"/api/marriages/{id}/certificate-replacements",
            new { party = MarriageApiFixture.Woman(), office = elsewhere });
        await Problems.AssertProblemAsync(stranger, HttpStatusCode.UnprocessableEntity, "party-not-in-marriage");
    }

    [Fact]
    public async Task PostJudgment_Annulment_AppendsHistoryAndBothAreSingleAgain()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = (await RegisterAsync(man, woman, MarriageApiFixture.NextOffice()))
            .GetProperty("marriageId").GetString();
        var judgment = new
        {
            kind = "annulment",
            court = "某市中级人民法院",
            reference = $"({fixture.Api.Today.Year})民终{man[^4..]}号",
            judgmentDate = fixture.Api.Today.ToString("yyyy-MM-dd"), reason = "重婚 (test)",
        };

        var entry = await JsonOf(await fixture.Registrar.PostAsJsonAsync($"/api/marriages/{id}/judgments", judgment),
            HttpStatusCode.Created);

        Assert.Equal("annulled", entry.GetProperty("kind").GetString());
        Assert.Equal(judgment.reference, entry.GetProperty("reference").GetString());
        var record = await JsonOf(await fixture.Registrar.GetAsync($"/api/marriages/{id}"), HttpStatusCode.OK);
        Assert.Equal("annulled", record.GetProperty("status").GetString());
        Assert.Equal(["registered", "annulled"],
            record.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("single", (await StatusOf(man)).GetProperty("status").GetString());
        await Problems.AssertProblemAsync(
            await fixture.Registrar.PostAsJsonAsync($"/api/marriages/{id}/judgments", judgment),
            HttpStatusCode.Conflict, "judgment-already-recorded");
    }
}
