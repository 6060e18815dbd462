using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Registry.Grains;

namespace Registry.Api.Tests.Marriages;

/// <summary>Every way a marriage ends, over HTTP: each is a history entry, both persons' status follows, and each
/// person may marry again where the law allows (复婚 of the same couple included).</summary>
[Collection(MarriageApiCollection.Name)]
public sealed class MarriageEndsTests(MarriageApiFixture fixture)
{
    // A registrar acts at their own office: every marriage of these tests is registered there.
    private static readonly string Office = MarriageApiFixture.NextOffice();

    private HttpClient Registrar => fixture.RegistrarAt(Office);

    private string Today => fixture.Api.Today.ToString("yyyy-MM-dd");

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<string> MarryAsync(string man, string woman) =>
        (await JsonOf(await Registrar.PostAsJsonAsync("/api/marriages",
                MarriageApiFixture.Registration(man, woman, Office)), HttpStatusCode.Created))
            .GetProperty("marriageId").GetString()!;

    private async Task<string> StatusOfAsync(string idNumber) =>
        (await JsonOf(await Registrar.GetAsync($"/api/persons/{idNumber}/marital-status"), HttpStatusCode.OK))
            .GetProperty("status").GetString()!;

    private async Task<JsonElement> RecordAsync(string marriageId, object judgment) =>
        await JsonOf(await Registrar.PostAsJsonAsync($"/api/marriages/{marriageId}/judgments", judgment),
            HttpStatusCode.Created);

    private object Judgment(string kind, string reference, string? party = null, string? effectiveDate = null,
        bool? spouseDeclinesRevival = null) => new
    {
        kind,
        court = "北京市东城区人民法院",
        reference,
        judgmentDate = Today,
        reason = "test judgment",
        party,
        effectiveDate,
        spouseDeclinesRevival,
    };

    private async Task<JsonElement> MarriageAsync(string id) =>
        await JsonOf(await Registrar.GetAsync($"/api/marriages/{id}"), HttpStatusCode.OK);

    [Fact]
    public async Task CourtDivorce_EndsOnItsEffectiveDate_VoidsTheJCertificates_AndTheCoupleMayRemarry()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);
        var reference = $"(2026)民初{Guid.NewGuid():N}号";

        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync($"/api/marriages/{id}/judgments",
            Judgment("divorce", reference)), HttpStatusCode.BadRequest, "field-required");
        var entry = await RecordAsync(id, Judgment("divorce", reference, effectiveDate: Today));

        Assert.Equal("divorced-by-court", entry.GetProperty("kind").GetString());
        Assert.Equal(Today, entry.GetProperty("effectiveDate").GetString());
        Assert.Equal("registrar-1", entry.GetProperty("recordedBy").GetString());
        var record = await MarriageAsync(id);
        Assert.Equal("divorced-by-court", record.GetProperty("status").GetString());
        Assert.All(record.GetProperty("certificates").EnumerateArray(), c =>
        {
            Assert.True(c.GetProperty("void").GetBoolean());
            Assert.Contains(reference, c.GetProperty("voidReason").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(("divorced", "divorced"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/" + id +
                "/certificate-replacements", new { party = man, office = Office }),
            HttpStatusCode.UnprocessableEntity, "marriage-dissolved");

        await MarryAsync(man, woman);

        Assert.Equal(("married", "married"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
    }

    [Fact]
    public async Task Mediation_DissolvesLikeAJudgment_AndTheRecordCannotEndTwice()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);

        await RecordAsync(id, Judgment("divorce-mediation", $"(2026)调{Guid.NewGuid():N}号", effectiveDate: Today));

        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync($"/api/marriages/{id}/judgments",
                Judgment("divorce", $"(2026)民初{Guid.NewGuid():N}号", effectiveDate: Today)),
            HttpStatusCode.UnprocessableEntity, "marriage-not-current");
        Assert.Equal("divorced", await StatusOfAsync(woman));
    }

    [Fact]
    public async Task Death_WidowsTheSurvivor_WhoMayRemarry_AndTheDeceasedCannotMarry()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);
        var death = new
        {
            party = man,
            diedOn = Today,
            proof = "household-deregistration",
            proofReference = "注销-" + Guid.NewGuid().ToString("N")[..8],
            issuedBy = "某派出所",
        };

        await JsonOf(await Registrar.PostAsJsonAsync($"/api/marriages/{id}/deaths", death), HttpStatusCode.Created);

        var record = await MarriageAsync(id);
        Assert.Equal("ended-by-death", record.GetProperty("status").GetString());
        Assert.Equal("party-died", record.GetProperty("history")[1].GetProperty("kind").GetString());
        Assert.All(record.GetProperty("certificates").EnumerateArray(), c =>
        {
            Assert.True(c.GetProperty("void").GetBoolean());
            Assert.Contains(death.proofReference, c.GetProperty("voidReason").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(("deceased", "widowed"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync($"/api/marriages/{id}/deaths", death),
            HttpStatusCode.UnprocessableEntity, "marriage-not-current");
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages",
                MarriageApiFixture.Registration(man, MarriageApiFixture.Woman(), Office)),
            HttpStatusCode.UnprocessableEntity, "person-deceased");

        await MarryAsync(MarriageApiFixture.Man(), woman);

        Assert.Equal("married", await StatusOfAsync(woman));
    }

    [Fact]
    public async Task DeclarationOfDeath_BarsMarriage_AndItsRevocationRevivesTheMarriage()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);
        await RecordAsync(id, Judgment("declaration-of-death", $"(2026)特{Guid.NewGuid():N}号", man));

        Assert.Equal(("declared-dead", "widowed"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages",
                MarriageApiFixture.Registration(man, MarriageApiFixture.Woman(), Office)),
            HttpStatusCode.UnprocessableEntity, "person-declared-dead");
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync($"/api/marriages/{id}/judgments",
                Judgment("revocation-of-declaration-of-death", $"(2026)特{Guid.NewGuid():N}号", woman)),
            HttpStatusCode.UnprocessableEntity, "no-declaration-of-death");

        var entry = await RecordAsync(id,
            Judgment("revocation-of-declaration-of-death", $"(2026)特{Guid.NewGuid():N}号", man));

        Assert.Equal("revived", entry.GetProperty("kind").GetString());
        Assert.Equal("in-force", (await MarriageAsync(id)).GetProperty("status").GetString());
        Assert.Equal(("married", "married"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
    }

    [Fact]
    public async Task Revocation_AfterTheSpouseRemarried_DoesNotRevive_AndFreesTheFormerlyDeclaredPerson()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);
        await RecordAsync(id, Judgment("declaration-of-death", $"(2026)特{Guid.NewGuid():N}号", man));
        await MarryAsync(MarriageApiFixture.Man(), woman);

        var entry = await RecordAsync(id,
            Judgment("revocation-of-declaration-of-death", $"(2026)特{Guid.NewGuid():N}号", man));

        Assert.Equal("declaration-of-death-revoked", entry.GetProperty("kind").GetString());
        Assert.Contains("remarried", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("dissolved-by-declaration-of-death", (await MarriageAsync(id)).GetProperty("status").GetString());
        Assert.Equal(("divorced", "married"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
        await MarryAsync(man, MarriageApiFixture.Woman());
    }

    [Fact]
    public async Task Revocation_WhenTheSpouseDeclines_DoesNotRevive()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);
        await RecordAsync(id, Judgment("declaration-of-death", $"(2026)特{Guid.NewGuid():N}号", woman));

        var entry = await RecordAsync(id, Judgment("revocation-of-declaration-of-death",
            $"(2026)特{Guid.NewGuid():N}号", woman, spouseDeclinesRevival: true));

        Assert.Equal("declaration-of-death-revoked", entry.GetProperty("kind").GetString());
        Assert.Equal(("divorced", "divorced"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
    }

    [Fact]
    public async Task Voidness_MakesBothSingle_VoidsTheCertificates_AndEachMayMarry()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);

        var entry = await RecordAsync(id, Judgment("voidness", $"(2026)民初{Guid.NewGuid():N}号"));

        Assert.Equal("declared-void", entry.GetProperty("kind").GetString());
        Assert.All((await MarriageAsync(id)).GetProperty("certificates").EnumerateArray(),
            c => Assert.StartsWith("declared void", c.GetProperty("voidReason").GetString(), StringComparison.Ordinal));
        Assert.Equal(("single", "single"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
        await MarryAsync(man, MarriageApiFixture.Woman());
        await MarryAsync(MarriageApiFixture.Man(), woman);
    }

    [Fact]
    public async Task Annulment_VoidsTheJCertificates_AndTheSameCoupleMayRemarry()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var id = await MarryAsync(man, woman);
        var annulled = await RecordAsync(id, Judgment("annulment", $"(2026)民初{Guid.NewGuid():N}号"));

        Assert.Equal("annulled", annulled.GetProperty("kind").GetString());
        Assert.All((await MarriageAsync(id)).GetProperty("certificates").EnumerateArray(),
            c => Assert.True(c.GetProperty("void").GetBoolean()));

        var again = await MarryAsync(man, woman);

        Assert.NotEqual(id, again);
        Assert.Equal(("married", "married"), (await StatusOfAsync(man), await StatusOfAsync(woman)));
    }

    [Fact]
    public async Task CertificateLookup_ShowsValidReplacedAndVoidBookletsWithHoldersMasked()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var created = await JsonOf(await Registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, Office)), HttpStatusCode.Created);
        var (id, number) = (created.GetProperty("marriageId").GetString()!,
            created.GetProperty("certificateNumber").GetString()!);

        var valid = await JsonOf(await Registrar.GetAsync($"/api/certificates/{number}"), HttpStatusCode.OK);

        Assert.Equal((id, "in-force"), (valid.GetProperty("marriageId").GetString(),
            valid.GetProperty("marriageStatus").GetString()));
        Assert.All(valid.GetProperty("booklets").EnumerateArray(),
            b => Assert.Equal("valid", b.GetProperty("status").GetString()));
        Assert.DoesNotContain(man, valid.GetRawText(), StringComparison.Ordinal);

        var replacement = (await JsonOf(await Registrar.PostAsJsonAsync($"/api/marriages/{id}/certificate-replacements",
                new { party = woman, office = Office }), HttpStatusCode.Created))
            .GetProperty("number").GetString()!;
        await RecordAsync(id, Judgment("divorce", $"(2026)民初{Guid.NewGuid():N}号", effectiveDate: Today));

        var after = await JsonOf(await Registrar.GetAsync($"/api/certificates/{number}"), HttpStatusCode.OK);
        var replaced = await JsonOf(await Registrar.GetAsync($"/api/certificates/{replacement}"), HttpStatusCode.OK);

        Assert.Equal(["replaced", "void"], after.GetProperty("booklets").EnumerateArray()
            .Select(b => b.GetProperty("status").GetString()).Order());
        Assert.Equal("void", replaced.GetProperty("booklets")[0].GetProperty("status").GetString());
        Assert.StartsWith("dissolved by divorce judgment",
            replaced.GetProperty("booklets")[0].GetProperty("voidReason").GetString(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(await Registrar.GetAsync("/api/certificates/J110101-2026-99999X"),
            HttpStatusCode.BadRequest, "certificate-number-format");
        await Problems.AssertProblemAsync(await Registrar.GetAsync(
            $"/api/certificates/{number[..^6]}999999"), HttpStatusCode.NotFound, "certificate-not-found");
    }

    [Fact]
    public async Task CertificateLookup_OfAStoredRecord_ActivatesNeitherTheRecordNorItsNumbersEntry()
    {
        // At national scale most records are cold: the lookup reads the number's entry and the record from storage
        // instead of activating their grains (each an activation and a read, left in memory until collected).
        var created = await JsonOf(await Registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(MarriageApiFixture.Man(), MarriageApiFixture.Woman(), Office)),
            HttpStatusCode.Created);
        var (id, number) = (created.GetProperty("marriageId").GetString()!,
            created.GetProperty("certificateNumber").GetString()!);
        var management = fixture.Api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var verified = await JsonOf(await Registrar.GetAsync($"/api/certificates/{number}"), HttpStatusCode.OK);

        Assert.Equal((id, "in-force"), (verified.GetProperty("marriageId").GetString(),
            verified.GetProperty("marriageStatus").GetString()));
        var active = (await management.GetDetailedGrainStatistics()).Select(a => a.GrainId).ToList();
        Assert.DoesNotContain(GrainId.Create(StorageNames.MarriageGrainType, id), active);
        Assert.DoesNotContain(GrainId.Create(StorageNames.CertificateIndexGrainType, number), active);
    }
}
