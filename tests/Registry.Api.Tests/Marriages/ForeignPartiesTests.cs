using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Persons;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// Parties who are not mainland residents (Marriage Registration Regulations 2025, art. 2): each document type end
/// to end, the designated-office rule, documents linked to one person and the never-twice rule across them.
/// Numbers with a check character are composed with it (GB 11643 MOD 11-2); documents without one get serials.
/// </summary>
[Collection(MarriageApiCollection.Name)]
public sealed class ForeignPartiesTests(MarriageApiFixture fixture)
{
    private static int serial = 10_000_000;

    private static DateOnly Today => DateOnly.FromDateTime(MarriageApiFixture.Start.UtcDateTime);

    private static string NextSerial() =>
        Interlocked.Increment(ref serial).ToString("00000000", CultureInfo.InvariantCulture);

    /// <summary>A province's civil-affairs department: designated for such marriages out of the box.</summary>
    private static string ProvinceOffice(int n) => MarriageApiFixture.Office(n)[..2] + "0000";

    private static object Party(string number, string type, string? country = null, string? sex = null,
        DateOnly? birthDate = null, string name = "Jane Roe", string nationality = "美国") => new
    {
        idNumber = number,
        documentType = type,
        country,
        sex,
        birthDate = birthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        name,
        nationality,
    };

    private static object Resident(string number) =>
        new { idNumber = number, name = "张" + "伟", nationality = "中国" };

    private static object Registration(string office, object a, object b) => new
    {
        office,
        partyA = a,
        partyB = b,
        declarations = new { noSpouse = true, noProhibitedKinship = true },
        bothPresent = true,
    };

    /// <summary>A divorce application of a resident and a passport holder, both in person and signed.</summary>
    private static object DivorceApplication(string? id, string office, string resident, string passport) => new
    {
        marriageId = id,
        office,
        agreement = "离婚协议书 (test)",
        agreementStates = new { wishToDivorce = true, children = true, property = true, debts = true },
        parties = new object[]
        {
            MarriageApiFixture.DivorceApplicant(resident),
            new
            {
                idNumber = passport, documentType = "passport", country = "USA", appearedInPerson = true,
                signedAgreement = true, declarations = new { voluntary = true, truthful = true },
            },
        },
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<JsonElement> Status(string key) =>
        JsonDocument.Parse(await fixture.Registrar.GetStringAsync(
            $"/api/persons/{Uri.EscapeDataString(key)}/marital-status")).RootElement;

    [Fact]
    public async Task PassportHolderAtACountyOffice_Is422OfficeNotDesignatedAndNothingIsStored()
    {
        var office = MarriageApiFixture.NextOffice();
        var man = MarriageApiFixture.Man();
        var passport = "E" + NextSerial();

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", Registration(office,
            Resident(man), Party(passport, "passport", "USA", "female", Today.AddYears(-28))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("office-not-designated", (await Json(response)).GetProperty("rule").GetString());
        Assert.Equal("single", (await Status(man)).GetProperty("status").GetString());
        Assert.Equal("single", (await Status($"passport:USA:{passport}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MarriageWithAPassportHolder_IsDivorcedAndHasCertificatesReplacedOnlyAtADesignatedOffice()
    {
        var province = ProvinceOffice(5);
        var county = MarriageApiFixture.NextOffice();
        var man = MarriageApiFixture.Man();
        var passport = "E" + NextSerial();
        var registered = await fixture.RegistrarAt(province).PostAsJsonAsync("/api/marriages", Registration(province,
            Resident(man), Party(passport, "passport", "USA", "female", Today.AddYears(-29))));
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = (await Json(registered)).GetProperty("marriageId").GetString();
        object Application(string office) => DivorceApplication(id, office, man, passport);

        var atCounty = await fixture.RegistrarAt(county).PostAsJsonAsync("/api/divorce-applications", Application(county));
        var replacedAtCounty = await fixture.RegistrarAt(county).PostAsJsonAsync(
            $"/api/marriages/{id}/certificate-replacements", new { party = man, office = county });
        var atProvince = await fixture.RegistrarAt(province).PostAsJsonAsync("/api/divorce-applications",
            Application(province));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, atCounty.StatusCode);
        Assert.Equal("office-not-designated", (await Json(atCounty)).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replacedAtCounty.StatusCode);
        Assert.Equal("office-not-designated", (await Json(replacedAtCounty)).GetProperty("rule").GetString());
        Assert.True(atProvince.StatusCode == HttpStatusCode.Created, await atProvince.Content.ReadAsStringAsync());
        Assert.DoesNotContain("marriage-replacement", await fixture.Registrar.GetStringAsync($"/api/marriages/{id}"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachDocumentType_RegistersAtTheProvinceOfficeWithSexAndBirthDateFromTheDocumentOrEntered()
    {
        var office = ProvinceOffice(3);
        var birth = Today.AddYears(-33);
        var permanentResidence = ResidentIdNumber.Compose("9" + office[..2] + "840", birth, 2);
        var cases = new (object Party, string Key, string Sex, DateOnly Birth)[]
        {
            (Party(ResidentIdNumber.Compose("810000", birth, 4), "residence-permit"),
                ResidentIdNumber.Compose("810000", birth, 4), "female", birth),
            (Party(ResidentIdNumber.Compose("830000", birth, 6), "residence-permit"),
                ResidentIdNumber.Compose("830000", birth, 6), "female", birth),
            (Party("H" + NextSerial(), "hong-kong-macao-travel-permit", sex: "female", birthDate: birth), "", "female",
                birth),
            (Party(NextSerial(), "taiwan-travel-permit", sex: "female", birthDate: birth), "", "female", birth),
            (Party(permanentResidence, "permanent-residence-id", sex: "female"), permanentResidence, "female",
                birth),
            (Party("G" + NextSerial(), "passport", "DEU", "female", birth), "", "female", birth),
        };

        foreach (var (party, key, sex, born) in cases)
        {
            var man = MarriageApiFixture.Man();
            var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
                Registration(office, Resident(man), party));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var id = (await Json(response)).GetProperty("marriageId").GetString();

            var record = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/marriages/{id}"))
                .RootElement;
            var partyB = record.GetProperty("partyB");
            Assert.Equal(sex, partyB.GetProperty("sex").GetString());
            Assert.Equal(born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                partyB.GetProperty("birthDate").GetString());
            var recordedKey = partyB.GetProperty("idNumber").GetString()!;
            if (key.Length > 0)
            {
                Assert.Equal(key, recordedKey);
            }

            Assert.Equal("married", (await Status(recordedKey)).GetProperty("status").GetString());
            Assert.Equal("married", (await Status(man)).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task FifteenDigitIdNumber_IsConvertedAndCountsAsTheEighteenDigitPerson()
    {
        var office = MarriageApiFixture.NextOffice();
        var eighteen = MarriageApiFixture.Born(new DateOnly(1975, 6, 1), Sex.Male);
        var fifteen = eighteen[..6] + eighteen[8..17];
        var first = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(fifteen, MarriageApiFixture.Woman(), office));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        Assert.Equal("married", (await Status(eighteen)).GetProperty("status").GetString());
        var again = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(eighteen, MarriageApiFixture.Woman(), office));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("person-already-married", (await Json(again)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task ResidencePermitGivenAsResidentId_Is400DocumentTypeMismatch()
    {
        var office = ProvinceOffice(4);
        var permit = ResidentIdNumber.Compose("820000", Today.AddYears(-30), 8);
        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            Registration(office, Resident(MarriageApiFixture.Man()), Resident(permit)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("document-type-mismatch", await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenewedPassportLinkedToThePerson_NeverTwiceHoldsAcrossDocumentsUnderConcurrency()
    {
        var oldPassport = "E" + NextSerial();
        var newPassport = "E" + NextSerial();
        var oldKey = $"passport:USA:{oldPassport}";
        var newKey = $"passport:USA:{newPassport}";
        var born = Today.AddYears(-35);
        var linkOffice = ProvinceOffice(5);

        var link = await fixture.RegistrarAt(linkOffice).PostAsJsonAsync(
            $"/api/persons/{Uri.EscapeDataString(oldKey)}/documents", new
            {
                documentType = "passport",
                number = newPassport,
                country = "USA",
                reason = "passport renewed; the old passport is cancelled and presented",
                office = linkOffice,
            });
        Assert.True(link.StatusCode == HttpStatusCode.Created, await link.Content.ReadAsStringAsync());

        // Half the offices see the old passport, half the new one, all at once.
        var offices = Enumerable.Range(0, 8).Select(ProvinceOffice).ToList();
        var attempts = Enumerable.Range(0, 24).Select(i =>
        {
            var office = offices[i % offices.Count];
            var passport = i % 2 == 0 ? oldPassport : newPassport;
            return fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", Registration(office,
                Party(passport, "passport", "USA", "male", born, "John Roe"),
                Resident(MarriageApiFixture.Woman())));
        }).ToList();
        var responses = await Task.WhenAll(attempts);

        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r != created))
        {
            var rule = (await Json(refused)).GetProperty("rule").GetString();
            Assert.True(rule is "registration-in-progress" or "person-already-married", rule);
        }

        var viaNew = await Status(newKey);
        var viaOld = await Status(oldKey);
        Assert.Equal("married", viaNew.GetProperty("status").GetString());
        Assert.Equal(oldKey, viaNew.GetProperty("idNumber").GetString());
        Assert.Equal(newKey, Assert.Single(viaOld.GetProperty("documents").EnumerateArray()).GetString());
        Assert.Equal(1, viaOld.GetProperty("records").GetArrayLength());

        var later = await fixture.RegistrarAt(offices[0]).PostAsJsonAsync("/api/marriages", Registration(offices[0],
            Party(newPassport, "passport", "USA", "male", born, "John Roe"), Resident(MarriageApiFixture.Woman())));
        Assert.Equal("person-already-married", (await Json(later)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task PartyWithARenewedPassportLinkedToThePerson_AppliesForDivorceAndHasTheDocumentNoted()
    {
        var province = ProvinceOffice(6);
        var man = MarriageApiFixture.Man();
        var oldPassport = "E" + NextSerial();
        var newPassport = "E" + NextSerial();
        var unlinked = "E" + NextSerial();
        var registered = await fixture.RegistrarAt(province).PostAsJsonAsync("/api/marriages", Registration(province,
            Resident(man), Party(oldPassport, "passport", "USA", "female", Today.AddYears(-31))));
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = (await Json(registered)).GetProperty("marriageId").GetString();
        object Application(string passport) => DivorceApplication(id, province, man, passport);

        var beforeLink = await fixture.RegistrarAt(province).PostAsJsonAsync("/api/divorce-applications",
            Application(newPassport));
        var link = await fixture.RegistrarAt(province).PostAsJsonAsync(
            $"/api/persons/{Uri.EscapeDataString($"passport:USA:{oldPassport}")}/documents", new
            {
                documentType = "passport",
                number = newPassport,
                country = "USA",
                reason = "passport renewed; the old passport is cancelled and presented",
                office = province,
            });
        var withUnlinked = await fixture.RegistrarAt(province).PostAsJsonAsync("/api/divorce-applications",
            Application(unlinked));
        var afterLink = await fixture.RegistrarAt(province).PostAsJsonAsync("/api/divorce-applications",
            Application(newPassport));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, beforeLink.StatusCode);
        Assert.Equal("party-not-in-marriage", (await Json(beforeLink)).GetProperty("rule").GetString());
        Assert.True(link.StatusCode == HttpStatusCode.Created, await link.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withUnlinked.StatusCode);
        Assert.Equal("party-not-in-marriage", (await Json(withUnlinked)).GetProperty("rule").GetString());
        Assert.True(afterLink.StatusCode == HttpStatusCode.Created, await afterLink.Content.ReadAsStringAsync());
        var record = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/marriages/{id}")).RootElement;
        var applied = record.GetProperty("history").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "divorce-applied");
        Assert.Contains("presented for", applied.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, record.GetProperty("divorceApplications").GetArrayLength());
    }

    [Fact]
    public async Task TwoDocumentsOfOnePerson_AsBothParties_Is422SamePerson()
    {
        var office = ProvinceOffice(6);
        var permit = "M" + NextSerial();
        var passport = "K" + NextSerial();
        var born = Today.AddYears(-30);
        var link = await fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/persons/{Uri.EscapeDataString("hkmo-permit:" + permit)}/documents", new
            {
                documentType = "passport",
                number = passport,
                country = "PRT",
                reason = "both presented by the same person",
                office,
            });
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);

        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", Registration(office,
            Party(permit, "hong-kong-macao-travel-permit", sex: "male", birthDate: born),
            Party(passport, "passport", "PRT", "female", born)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("same-person", (await Json(response)).GetProperty("rule").GetString());
        Assert.Equal("single", (await Status("hkmo-permit:" + permit)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task LinkingADocumentThatNamesAMarriage_JoinsItsRecords_WhereTheyCanBeOnePersons()
    {
        var office = ProvinceOffice(7);
        var married = "P" + NextSerial();
        var response = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", Registration(office,
            Resident(MarriageApiFixture.Man()),
            Party(married, "passport", "FRA", "female", Today.AddYears(-27))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var marriage = (await Json(response)).GetProperty("marriageId").GetString();

        Task<HttpResponseMessage> LinkAsync(string person) => fixture.RegistrarAt(office).PostAsJsonAsync(
            $"/api/persons/{person}/documents", new
            {
                documentType = "passport",
                number = married,
                country = "FRA",
                reason = "claimed to be the same person",
                office,
            });

        // The passport's record says a woman: no man's card is hers.
        Assert.Equal("linked-document-differs",
            (await Json(await LinkAsync(MarriageApiFixture.Man()))).GetProperty("rule").GetString());

        // A woman married herself: she would have two spouses at once.
        var wife = MarriageApiFixture.Woman();
        var elsewhere = MarriageApiFixture.NextOffice();
        Assert.Equal(HttpStatusCode.Created, (await fixture.RegistrarAt(elsewhere).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(MarriageApiFixture.Man(), wife, elsewhere))).StatusCode);
        var overlap = await LinkAsync(wife);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overlap.StatusCode);
        Assert.Equal("linked-records-overlap", (await Json(overlap)).GetProperty("rule").GetString());

        // A woman with no record: the passport's marriage becomes hers, and she cannot marry again.
        var single = MarriageApiFixture.Woman();
        var link = await LinkAsync(single);
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        var status = await Status(single);
        Assert.Equal(("married", marriage), (status.GetProperty("status").GetString(),
            status.GetProperty("currentMarriageId").GetString()));
        Assert.Equal($"passport:FRA:{married}", Assert.Single(status.GetProperty("documents").EnumerateArray()).GetString());
        var again = await fixture.RegistrarAt(elsewhere).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(MarriageApiFixture.Man(), single, elsewhere));
        Assert.Equal("person-already-married", (await Json(again)).GetProperty("rule").GetString());
    }
}
