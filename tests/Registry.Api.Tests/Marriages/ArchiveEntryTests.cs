using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Persons;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// Records entered from the archive (补录): dated, numbered and placed as the paper record, counted for the
/// never-twice rule and a person's status like new ones, idempotent by certificate number. The office is judged on
/// the record's date by the division history: Laiwu (371200), a prefecture-level city merged into Jinan in 2019,
/// registered marriages in 2010 and none after it ceased to exist.
/// </summary>
[Collection(MarriageApiCollection.Name)]
public sealed class ArchiveEntryTests(MarriageApiFixture fixture)
{
    private const string Laiwu = "371200";

    private static int serial;

    private static string NextNumber(string office, int year) =>
        $"J{office}-{year}-{Interlocked.Increment(ref serial) + 500_000:000000}";

    /// <summary>The 15-digit number a person born in the 20th century held before GB 11643-1999.</summary>
    private static string Fifteen(string eighteen) => eighteen[..6] + eighteen[8..17];

    private static object Entry(string number, string date, string office, string a, string b) => new
    {
        certificateNumber = number,
        registeredOn = date,
        office,
        partyA = new { idNumber = a, name = "王" + "强", nationality = "中国" },
        partyB = new { idNumber = b, name = "刘" + "芳", nationality = "中国" },
        source = new { volume = "2010-婚-03", page = "57" },
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private HttpClient Registrar => fixture.RegistrarAt(MarriageApiFixture.Office(20));

    [Fact]
    public async Task ArchiveEntryWithOldNumbers_IsMarkedCountsForNeverTwiceAndIsIdempotent()
    {
        var man = MarriageApiFixture.Born(new DateOnly(1980, 3, 4), Sex.Male);
        var woman = MarriageApiFixture.Born(new DateOnly(1983, 9, 9), Sex.Female);
        var number = NextNumber(Laiwu, 2010);

        var first = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(number, "2010-05-20", Laiwu, Fifteen(man), Fifteen(woman)));
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var id = (await Json(first)).GetProperty("marriageId").GetString();

        var record = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/marriages/{id}")).RootElement;
        Assert.Equal("2010-05-20", record.GetProperty("registeredOn").GetString());
        Assert.Equal(number, record.GetProperty("certificateNumber").GetString());
        Assert.Equal(man, record.GetProperty("partyA").GetProperty("idNumber").GetString());
        Assert.Equal("57", record.GetProperty("archive").GetProperty("page").GetString());
        Assert.Equal("entered-from-archive", record.GetProperty("history")[0].GetProperty("kind").GetString());

        var status = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{man}/marital-status"))
            .RootElement;
        Assert.Equal("married", status.GetProperty("status").GetString());

        var office = MarriageApiFixture.NextOffice();
        var bigamy = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, MarriageApiFixture.Woman(), office));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bigamy.StatusCode);
        Assert.Equal("person-already-married", (await Json(bigamy)).GetProperty("rule").GetString());

        var again = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(number, "2010-05-20", Laiwu, man, woman));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(id, (await Json(again)).GetProperty("marriageId").GetString());

        var differs = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(number, "2010-05-21", Laiwu, man, woman));
        Assert.Equal(HttpStatusCode.Conflict, differs.StatusCode);
        Assert.Equal("archive-record-differs", (await Json(differs)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task OfficeThatNoLongerExistedOnTheDate_Is422OfficeNotInForceAndNothingIsHeld()
    {
        var man = MarriageApiFixture.Man();
        var response = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(NextNumber(Laiwu, 2024), "2024-01-15", Laiwu, man, MarriageApiFixture.Woman()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("office-not-in-force", (await Json(response)).GetProperty("rule").GetString());
        var status = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{man}/marital-status"))
            .RootElement;
        Assert.Equal("single", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ArchiveEntryForAPersonMarriedNow_Is422PersonAlreadyMarried()
    {
        var office = MarriageApiFixture.NextOffice();
        var man = MarriageApiFixture.Man();
        Assert.Equal(HttpStatusCode.Created, (await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, MarriageApiFixture.Woman(), office))).StatusCode);

        var response = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(NextNumber("110101", 2015), "2015-10-01", "110101", man, MarriageApiFixture.Woman()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("person-already-married", (await Json(response)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task MarriageRecordExtract_OfAPersonMarriedBeforeTheRegistry_ListsTheArchiveRecord()
    {
        var man = MarriageApiFixture.Born(new DateOnly(1975, 6, 1), Sex.Male);
        var woman = MarriageApiFixture.Born(new DateOnly(1977, 8, 2), Sex.Female);
        var number = NextNumber(Laiwu, 2009);
        var entered = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(number, "2009-10-01", Laiwu, Fifteen(man), woman));
        Assert.True(entered.StatusCode == HttpStatusCode.Created, await entered.Content.ReadAsStringAsync());

        var extract = await Registrar.PostAsJsonAsync($"/api/persons/{man}/marriage-record-extracts", new { });
        Assert.True(extract.StatusCode == HttpStatusCode.Created, await extract.Content.ReadAsStringAsync());

        var body = await Json(extract);
        Assert.Equal("married", body.GetProperty("status").GetString());
        var record = Assert.Single(body.GetProperty("records").EnumerateArray());
        Assert.Equal((number, "2009-10-01", true), (record.GetProperty("certificateNumber").GetString(),
            record.GetProperty("registeredOn").GetString(), record.GetProperty("fromArchive").GetBoolean()));
    }

    [Fact]
    public async Task CsvImport_StoresGoodLinesReportsRejectedOnesAndIsIdempotent()
    {
        var man = MarriageApiFixture.Born(new DateOnly(1978, 1, 2), Sex.Male);
        var woman = MarriageApiFixture.Born(new DateOnly(1979, 2, 3), Sex.Female);
        var foreigner = "E" + Interlocked.Increment(ref serial).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture);
        var good = NextNumber(Laiwu, 2011);
        var foreign = NextNumber("370000", 2012);
        var badCheck = NextNumber(Laiwu, 2012);
        var gone = NextNumber(Laiwu, 2022);
        var header = "certificateNumber,registeredOn,office,volume,page,aDocumentType,aNumber,aCountry,aSex," +
            "aBirthDate,aName,aNationality,bDocumentType,bNumber,bCountry,bSex,bBirthDate,bName,bNationality";
        var lines = new[]
        {
            header,
            $"{good},2011-04-08,{Laiwu},2011-婚-01,12,,{Fifteen(man)},,,,王强,中国,,{Fifteen(woman)},,,,刘芳,中国",
            $"{foreign},2012-06-01,370000,2012-涉外-01,3,,{MarriageApiFixture.Man()},,,,\"赵,刚\",中国," +
                $"passport,{foreigner},USA,female,1985-07-07,Jane Roe,美国",
            $"{badCheck},2012-01-01,{Laiwu},2012-婚-01,1,,{MarriageApiFixture.Corrupted(MarriageApiFixture.Man())}," +
                ",,,王强,中国,,{MarriageApiFixture.Woman()},,,,刘芳,中国",
            $"{gone},2022-01-01,{Laiwu},2022-婚-01,1,,{MarriageApiFixture.Man()},,,,王强,中国,," +
                $"{MarriageApiFixture.Woman()},,,,刘芳,中国",
            "not,enough,fields",
        };
        var csv = string.Join("\n", lines) + "\n";

        async Task<JsonElement> ImportAsync()
        {
            using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
            var response = await Registrar.PostAsync("/api/marriages/archive-imports", content);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await Json(response);
        }

        foreach (var report in new[] { await ImportAsync(), await ImportAsync() })
        {
            Assert.Equal(5, report.GetProperty("lines").GetInt32());
            Assert.Equal(2, report.GetProperty("stored").GetInt32());
            var rejected = report.GetProperty("rejected").EnumerateArray()
                .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("rule").GetString())).ToList();
            Assert.Equal([(4, "id-number-check-character"), (5, "office-not-in-force"), (6, "csv-columns")],
                rejected);
        }

        var status = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{man}/marital-status"))
            .RootElement;
        Assert.Equal("married", status.GetProperty("status").GetString());
        Assert.Equal(1, status.GetProperty("records").GetArrayLength());
        var hers = JsonDocument.Parse(await fixture.Registrar.GetStringAsync(
            $"/api/persons/{Uri.EscapeDataString("passport:USA:" + foreigner)}/marital-status")).RootElement;
        Assert.Equal("married", hers.GetProperty("status").GetString());
    }

    /// <summary>A number of an earlier format, as paper certificates before the national one were numbered.</summary>
    private static string EarlierNumber(string kind) =>
        $"鲁莱{kind}字第{Interlocked.Increment(ref serial):0000}号";

    private static string Lookup(string number, string office, int year) =>
        $"/api/certificates/{Uri.EscapeDataString(number)}?office={office}&year={year}";

    [Fact]
    public async Task EarlierFormatNumbers_AreUniqueInTheirOfficesRegisterOfTheirYear_AndLookedUpWithThem()
    {
        var number = EarlierNumber("结");
        var divorce = EarlierNumber("离");

        // The same paper number in Laiwu's register of 2005 and of 2006, and in Jinan's of 2005: three certificates.
        // The last couple divorced at Laiwu in 2008, their L certificate numbered in the same earlier format.
        (string Office, string Date)[] places = [(Laiwu, "2005-03-08"), (Laiwu, "2006-03-08"), ("370100", "2005-04-09")];
        var ids = new List<string>();
        foreach (var (office, date) in places)
        {
            var man = MarriageApiFixture.Born(new DateOnly(1975, 1, 5), Sex.Male);
            var woman = MarriageApiFixture.Born(new DateOnly(1976, 2, 6), Sex.Female);
            object entry = office == "370100"
                ? Entry(number, date, office, man, woman)
                : new
                {
                    certificateNumber = number, registeredOn = date, office,
                    partyA = new { idNumber = man, name = "王" + "强", nationality = "中国" },
                    partyB = new { idNumber = woman, name = "刘" + "芳", nationality = "中国" },
                    source = new { volume = date[..4] + "-婚-01", page = "9" },
                    ended = date.StartsWith("2006", StringComparison.Ordinal)
                        ? new { kind = "divorce-registration", endedOn = "2008-07-01", reference = divorce, authority = Laiwu }
                        : null,
                };
            var response = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var stored = await Json(response);
            Assert.Equal(number, stored.GetProperty("certificateNumber").GetString());
            ids.Add(stored.GetProperty("marriageId").GetString()!);

            // The same line again names the same record.
            var again = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry);
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(ids[^1], (await Json(again)).GetProperty("marriageId").GetString());
        }

        Assert.Equal(3, ids.Distinct().Count());

        // Looked up with the office and the year the paper certificate shows.
        foreach (var ((office, date), id) in places.Zip(ids))
        {
            var found = await Json(await Registrar.GetAsync(Lookup(number, office, int.Parse(date[..4]))));
            Assert.Equal((id, office, date, "marriage"), (found.GetProperty("marriageId").GetString(),
                found.GetProperty("office").GetString(), found.GetProperty("issuedOn").GetString(),
                found.GetProperty("kind").GetString()));
        }

        var divorced = await Json(await Registrar.GetAsync(Lookup(divorce, Laiwu, 2008)));
        Assert.Equal((ids[1], "divorce"), (divorced.GetProperty("marriageId").GetString(),
            divorced.GetProperty("kind").GetString()));
        var voided = await Json(await Registrar.GetAsync(Lookup(number, Laiwu, 2006)));
        Assert.All(voided.GetProperty("booklets").EnumerateArray(),
            b => Assert.Equal("void", b.GetProperty("status").GetString()));

        // Without them, or with a year in which that office issued no such number: not found.
        await Problems.AssertProblemAsync(await Registrar.GetAsync($"/api/certificates/{Uri.EscapeDataString(number)}"),
            HttpStatusCode.BadRequest, "certificate-number-format");
        var notFound = await Problems.AssertProblemAsync(await Registrar.GetAsync(Lookup(number, Laiwu, 2007)),
            HttpStatusCode.NotFound, "certificate-not-found");
        Assert.Contains($"{number} (office {Laiwu}, 2007)", notFound.GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        await Problems.AssertProblemAsync(await Registrar.GetAsync(
            $"/api/certificates/{Uri.EscapeDataString(number)}?office={Laiwu}"), HttpStatusCode.BadRequest,
            "field-required");
        await Problems.AssertProblemAsync(await Registrar.GetAsync(
            $"/api/certificates/{NextNumber(Laiwu, 2010)}?office={Laiwu}&year=2010"), HttpStatusCode.BadRequest,
            "certificate-number-qualified");
    }

    [Theory]
    [InlineData("结字第 0123号")]
    [InlineData("结字第0123/号")]
    [InlineData("jz-0123")]
    [InlineData("结字第号")]
    public async Task ANumberNotAsPaperWritesIt_IsRefusedAndNothingStored(string number)
    {
        var man = MarriageApiFixture.Born(new DateOnly(1972, 4, 4), Sex.Male);
        var woman = MarriageApiFixture.Born(new DateOnly(1973, 5, 5), Sex.Female);
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(number, "2004-04-04", Laiwu, man, woman)), HttpStatusCode.BadRequest,
            "archive-certificate-number-format");
        var status = await Json(await fixture.Registrar.GetAsync($"/api/persons/{man}/marital-status"));
        Assert.Equal(("single", 0), (status.GetProperty("status").GetString(),
            status.GetProperty("records").GetArrayLength()));
    }

    [Fact]
    public async Task ANationalNumberOfAnotherOfficeYearOrKind_IsRefused_AndATownshipsCarriesItsCounty()
    {
        // The national format names its kind, office and year: a number typed from another record is refused.
        var man = MarriageApiFixture.Born(new DateOnly(1972, 4, 4), Sex.Male);
        var woman = MarriageApiFixture.Born(new DateOnly(1973, 5, 5), Sex.Female);
        foreach (var number in new[] { NextNumber("370100", 2010), NextNumber(Laiwu, 2011), "L" + NextNumber(Laiwu, 2010)[1..] })
        {
            var refused = await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync(
                "/api/marriages/archive-entries", Entry(number, "2010-05-20", Laiwu, man, woman)),
                HttpStatusCode.BadRequest, "archive-certificate-number-mismatch");
            Assert.Contains($"J{Laiwu}-2010-NNNNNN", refused.ToString(), StringComparison.Ordinal);
        }

        var status = await Json(await fixture.Registrar.GetAsync($"/api/persons/{man}/marital-status"));
        Assert.Equal(0, status.GetProperty("records").GetArrayLength());

        // A town (长辛店镇, 110106100) numbers its certificates in its county's series; its divorce's L number in the
        // series of the office and year of the divorce.
        var entry = new
        {
            certificateNumber = NextNumber("110106", 2010),
            registeredOn = "2010-05-20",
            office = "110106100",
            partyA = new { idNumber = man, name = "王" + "强", nationality = "中国" },
            partyB = new { idNumber = woman, name = "刘" + "芳", nationality = "中国" },
            source = new { volume = "2010-婚-03", page = "57" },
            ended = new { kind = "divorce-registration", endedOn = "2012-03-01", reference = "L" + NextNumber("110106", 2011)[1..], authority = "110106" },
        };
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry),
            HttpStatusCode.BadRequest, "archive-certificate-number-mismatch");
        var stored = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry with
        {
            ended = entry.ended with { reference = "L" + NextNumber("110106", 2012)[1..] },
        });
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CsvImport_OfOneEarlierFormatNumberAtTwoOffices_StoresBothOnce()
    {
        var number = EarlierNumber("结");
        var header = "certificateNumber,registeredOn,office,volume,page,aDocumentType,aNumber,aCountry,aSex," +
            "aBirthDate,aName,aNationality,bDocumentType,bNumber,bCountry,bSex,bBirthDate,bName,bNationality";
        var men = new[] { MarriageApiFixture.Born(new DateOnly(1968, 6, 6), Sex.Male), MarriageApiFixture.Born(new DateOnly(1969, 7, 7), Sex.Male) };
        var women = new[] { MarriageApiFixture.Born(new DateOnly(1970, 8, 8), Sex.Female), MarriageApiFixture.Born(new DateOnly(1971, 9, 9), Sex.Female) };
        var csv = string.Join("\n", header,
            $"{number},1999-09-09,{Laiwu},1999-婚-02,31,,{men[0]},,,,王强,中国,,{women[0]},,,,刘芳,中国",
            $"{number},1999-10-10,370100,1999-婚-07,4,,{men[1]},,,,赵刚,中国,,{women[1]},,,,孙丽,中国") + "\n";
        foreach (var _ in new[] { 1, 2 })
        {
            using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
            var response = await Registrar.PostAsync("/api/marriages/archive-imports", content);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var report = await Json(response);
            Assert.Equal((2, 0), (report.GetProperty("stored").GetInt32(),
                report.GetProperty("rejected").GetArrayLength()));
        }

        var records = new List<string>();
        foreach (var (man, office) in men.Zip(new[] { Laiwu, "370100" }))
        {
            var status = await Json(await fixture.Registrar.GetAsync($"/api/persons/{man}/marital-status"));
            var record = Assert.Single(status.GetProperty("records").EnumerateArray());
            Assert.Equal((number, office), (record.GetProperty("certificateNumber").GetString(),
                record.GetProperty("office").GetString()));
            records.Add(record.GetProperty("marriageId").GetString()!);
        }

        Assert.NotEqual(records[0], records[1]);
    }

    [Fact]
    public async Task AnOfficeAbolishedBeforeTheEarliestEdition_IsUnknown_AndTheAnswerSaysHowItComesToBeKnown()
    {
        // 崇文区 (110103) was merged into 东城区 in 2010: no edition shipped (2017 on) records it.
        var man = MarriageApiFixture.Born(new DateOnly(1970, 1, 1), Sex.Male);
        var response = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(EarlierNumber("结"), "1998-05-20", "110103", man, MarriageApiFixture.Born(new DateOnly(1971, 1, 1), Sex.Female)));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "office-unknown");
        Assert.Contains("import-divisions --edition", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("single", (await Json(await fixture.Registrar.GetAsync($"/api/persons/{man}/marital-status")))
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task ATownshipGovernmentsRecord_IsEnteredByTheRegulationsOfItsDay_AndCountedAtItsCounty()
    {
        // 东华门街道 (110101001), a street office: it registered marriages until the Regulations of 2003.
        const string street = "110101001", town = "110106100", zone = "110115403";
        var number = EarlierNumber("结");
        var man = MarriageApiFixture.Born(new DateOnly(1970, 1, 1), Sex.Male);
        var stored = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(number, "1998-05-20", street, man, MarriageApiFixture.Born(new DateOnly(1971, 1, 1), Sex.Female)));
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
        var id = (await Json(stored)).GetProperty("marriageId").GetString();

        var found = await Json(await Registrar.GetAsync(Lookup(number, street, 1998)));
        Assert.Equal((id, street), (found.GetProperty("marriageId").GetString(), found.GetProperty("office").GetString()));

        // Its entry is in its county's register of the day it was entered.
        var register = await Json(await fixture.RegistrarAt("110101").GetAsync(
            $"/api/marriage-offices/110101/register?date={fixture.Api.Today:yyyy-MM-dd}"));
        Assert.Contains(register.GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("marriageId").GetString() == id && e.GetProperty("kind").GetString() == "archive-entry");

        // A street office's record of 2010 is refused; a town's (长辛店镇) is not; a development zone never registered.
        var later = MarriageApiFixture.Born(new DateOnly(1972, 2, 2), Sex.Male);
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
                Entry(EarlierNumber("结"), "2010-05-20", street, later, MarriageApiFixture.Born(new DateOnly(1973, 3, 3), Sex.Female))),
            HttpStatusCode.UnprocessableEntity, "office-level");
        Assert.Equal(HttpStatusCode.Created, (await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(EarlierNumber("结"), "2010-05-20", town, later, MarriageApiFixture.Born(new DateOnly(1974, 4, 4), Sex.Female)))).StatusCode);
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
                Entry(EarlierNumber("结"), "2019-05-20", zone, MarriageApiFixture.Born(new DateOnly(1975, 5, 5), Sex.Male),
                    MarriageApiFixture.Born(new DateOnly(1976, 6, 6), Sex.Female))),
            HttpStatusCode.UnprocessableEntity, "office-level");
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
                Entry(EarlierNumber("结"), "2019-05-20", "11010100", MarriageApiFixture.Born(new DateOnly(1977, 7, 7), Sex.Male),
                    MarriageApiFixture.Born(new DateOnly(1978, 8, 8), Sex.Female))),
            HttpStatusCode.BadRequest, "office-code-format");
    }
    /// <summary>A party of a record made before resident identity cards: the paper names them, nothing more.</summary>
    private static object Unrecorded(string name, string sex, string born) =>
        new { documentType = "unrecorded", name, nationality = "中国", sex, birthDate = born };

    [Fact]
    public async Task PartiesTheArchiveNamesWithoutADocument_AreEntered_FoundByName_AndLinkedToTheirCardLater()
    {
        // A 1978 record of 东城区: no identity cards then (issued from 1984), so the paper names each party by name,
        // sex and birth date. The names are made unique to this run from a fresh ID number's digits.
        var card = MarriageApiFixture.Born(new DateOnly(1952, 4, 1), Sex.Male);
        var name = "欧阳" + string.Concat(card[^7..^1].Select(d => "零一二三四五六七八九"[d - '0']));
        var number = $"京东结字第{Interlocked.Increment(ref serial):0000}号";
        var entry = new
        {
            certificateNumber = number,
            registeredOn = "1978-10-01",
            office = "110101",
            partyA = Unrecorded(name, "male", "1952-04-01"),
            partyB = Unrecorded("李" + name[2..], "female", "1955-07-09"),
            source = new { volume = "1978-婚-02", page = "31" },
        };
        var stored = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry);
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
        var id = (await Json(stored)).GetProperty("marriageId").GetString()!;
        var (keyA, keyB) = ($"unrecorded:{id.ToUpperInvariant()}-A", $"unrecorded:{id.ToUpperInvariant()}-B");

        // The record keeps the parties as the paper names them, under keys that name the record and the side.
        var record = await Json(await fixture.Registrar.GetAsync($"/api/marriages/{id}"));
        var partyA = record.GetProperty("partyA");
        Assert.Equal((keyA, name, "male", "1952-04-01"), (partyA.GetProperty("idNumber").GetString(),
            partyA.GetProperty("name").GetString(), partyA.GetProperty("sex").GetString(),
            partyA.GetProperty("birthDate").GetString()));
        Assert.Equal(keyB, record.GetProperty("partyB").GetProperty("idNumber").GetString());
        Assert.Equal(HttpStatusCode.Created,
            (await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry)).StatusCode);
        Assert.Equal(id, (await Json(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry)))
            .GetProperty("marriageId").GetString());

        // Each is a person of their own: married, found by name.
        var status = await Json(await fixture.Registrar.GetAsync($"/api/persons/{Uri.EscapeDataString(keyA)}/marital-status"));
        Assert.Equal("married", status.GetProperty("status").GetString());
        // A key that names a record, not a person, is shown whole.
        Assert.Equal(keyB, Assert.Single(status.GetProperty("records").EnumerateArray()).GetProperty("spouse").GetString());
        var found = await Json(await fixture.Registrar.GetAsync($"/api/persons?name={Uri.EscapeDataString(name)}"));
        Assert.Equal(keyA, Assert.Single(found.GetProperty("persons").EnumerateArray()).GetProperty("idNumber").GetString());

        // When he comes with his identity card, it is linked to the record's party: the card then reads married and
        // he cannot marry again. A woman's card is never his, and stays her own.
        Task<HttpResponseMessage> LinkAsync(string number) => Registrar.PostAsJsonAsync(
            $"/api/persons/{Uri.EscapeDataString(keyA)}/documents", new
            {
                documentType = "resident-id",
                number,
                reason = "household register (户口簿) and the 1978 certificate presented: the same name and birth date",
                office = MarriageApiFixture.Office(20),
            });
        var hers = MarriageApiFixture.Born(new DateOnly(1952, 4, 1), Sex.Female);
        await Problems.AssertProblemAsync(await LinkAsync(hers), HttpStatusCode.UnprocessableEntity,
            "linked-document-differs");
        // A party of a record that does not exist is no one's.
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync(
                $"/api/persons/unrecorded:{Guid.NewGuid():N}-A/documents", new
                {
                    documentType = "resident-id",
                    number = hers,
                    reason = "no such record",
                    office = MarriageApiFixture.Office(20),
                }),
            HttpStatusCode.NotFound, "marriage-not-found");
        var herStatus = await Json(await fixture.Registrar.GetAsync($"/api/persons/{hers}/marital-status"));
        Assert.Equal(("single", 0), (herStatus.GetProperty("status").GetString(),
            herStatus.GetProperty("records").GetArrayLength()));
        var link = await LinkAsync(card);
        Assert.True(link.StatusCode == HttpStatusCode.Created, await link.Content.ReadAsStringAsync());
        var byCard = await Json(await fixture.Registrar.GetAsync($"/api/persons/{card}/marital-status"));
        Assert.Equal(("married", id), (byCard.GetProperty("status").GetString(),
            Assert.Single(byCard.GetProperty("records").EnumerateArray()).GetProperty("marriageId").GetString()));
        var office = MarriageApiFixture.NextOffice();
        await RefusedAsMarriedAsync(card, office);
    }

    [Fact]
    public async Task APartyWithoutADocument_IsTakenFromTheArchiveOnly_AndWithWhatThePaperNames()
    {
        var office = MarriageApiFixture.NextOffice();
        var registration = new
        {
            office,
            partyA = Unrecorded("王" + "强", "male", "1990-01-01"),
            partyB = new { idNumber = MarriageApiFixture.Woman(), name = "刘" + "芳", nationality = "中国" },
            declarations = new { noSpouse = true, noProhibitedKinship = true },
            bothPresent = true,
        };
        var refused = await Problems.AssertProblemAsync(
            await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages", registration),
            HttpStatusCode.BadRequest, "document-unrecorded");
        Assert.Contains("partyA.documentType", refused.ToString(), StringComparison.Ordinal);

        object Entry(object partyA) => new
        {
            certificateNumber = $"京东结字第{Interlocked.Increment(ref serial):0000}号",
            registeredOn = "1979-03-03",
            office = "110101",
            partyA,
            partyB = Unrecorded("刘" + "芳", "female", "1958-08-08"),
            source = new { volume = "1979-婚-01", page = "4" },
        };
        var man = MarriageApiFixture.Born(new DateOnly(1956, 6, 6), Sex.Male);
        await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
                Entry(new { documentType = "unrecorded", idNumber = man, name = "王" + "强", nationality = "中国",
                    sex = "male", birthDate = "1956-06-06" })),
            HttpStatusCode.BadRequest, "unrecorded-party-number");
        var undated = await Problems.AssertProblemAsync(await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
                Entry(new { documentType = "unrecorded", name = "王" + "强", nationality = "中国", sex = "male" })),
            HttpStatusCode.BadRequest, "field-required");
        Assert.Contains("partyA.birthDate", undated.ToString(), StringComparison.Ordinal);
        // Nothing was stored for the card given by mistake.
        var status = await Json(await fixture.Registrar.GetAsync($"/api/persons/{man}/marital-status"));
        Assert.Equal(("single", 0), (status.GetProperty("status").GetString(),
            status.GetProperty("records").GetArrayLength()));
    }

    [Fact]
    public async Task CsvImport_OfAMarriageThatEndedByDeath_NamesTheDeadPartyWithoutADocumentByTheirSide()
    {
        var number = $"京东结字第{Interlocked.Increment(ref serial):0000}号";
        var header = "certificateNumber,registeredOn,office,volume,page,aDocumentType,aNumber,aCountry,aSex," +
            "aBirthDate,aName,aNationality,bDocumentType,bNumber,bCountry,bSex,bBirthDate,bName,bNationality," +
            "endKind,endedOn,endReference,endAuthority,endParty";
        var woman = MarriageApiFixture.Born(new DateOnly(1950, 2, 2), Sex.Female);
        var csv = header + "\n" +
            $"{number},1972-05-01,110101,1972-婚-01,9,unrecorded,,,male,1948-01-01,王强,中国," +
            $"resident-id,{woman},,,,刘芳,中国,death,1990-11-11,京东死字第12号,东城区卫生局,partyA\n";
        foreach (var _ in new[] { 1, 2 })
        {
            using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
            var response = await Registrar.PostAsync("/api/marriages/archive-imports", content);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var report = await Json(response);
            Assert.Equal((1, 0), (report.GetProperty("stored").GetInt32(), report.GetProperty("rejected").GetArrayLength()));
        }

        // She, who came with her card, is widowed by his death; he is a person of the record.
        var hers = await Json(await fixture.Registrar.GetAsync($"/api/persons/{woman}/marital-status"));
        Assert.Equal("widowed", hers.GetProperty("status").GetString());
        var id = Assert.Single(hers.GetProperty("records").EnumerateArray()).GetProperty("marriageId").GetString()!;
        var record = await Json(await fixture.Registrar.GetAsync($"/api/marriages/{id}"));
        Assert.Equal($"unrecorded:{id.ToUpperInvariant()}-A", record.GetProperty("partyA").GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task ACoupleTheArchiveNamesWithoutDocuments_ApplyForDivorceWithTheCardsLinkedToThem()
    {
        var (man, woman) = (MarriageApiFixture.Born(new DateOnly(1950, 3, 3), Sex.Male),
            MarriageApiFixture.Born(new DateOnly(1953, 9, 9), Sex.Female));
        var stored = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", new
        {
            certificateNumber = $"京东结字第{Interlocked.Increment(ref serial):0000}号",
            registeredOn = "1976-06-06",
            office = "110101",
            partyA = Unrecorded("王" + "强", "male", "1950-03-03"),
            partyB = Unrecorded("刘" + "芳", "female", "1953-09-09"),
            source = new { volume = "1976-婚-01", page = "12" },
        });
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
        var id = (await Json(stored)).GetProperty("marriageId").GetString()!;

        var office = fixture.RegistrarAt("110101");
        foreach (var (card, side) in new[] { (man, "A"), (woman, "B") })
        {
            var link = await office.PostAsJsonAsync(
                $"/api/persons/{Uri.EscapeDataString($"unrecorded:{id.ToUpperInvariant()}-{side}")}/documents", new
                {
                    documentType = "resident-id",
                    number = card,
                    reason = "the 1976 certificate and the household register presented",
                    office = "110101",
                });
            Assert.True(link.StatusCode == HttpStatusCode.Created, await link.Content.ReadAsStringAsync());
        }

        // They present their cards, which the record does not name: the links say whose they are.
        var applied = await office.PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(id, "110101", man, woman));
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        Assert.Equal("cooling-off", (await Json(applied)).GetProperty("status").GetString());
    }

    /// <summary>Enters a 1980s record whose parties the paper names without documents; answers its id.</summary>
    private async Task<string> EnterUnrecordedAsync(string registeredOn, string manBorn, object? ended = null)
    {
        var stored = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", new
        {
            certificateNumber = $"京东结字第{Interlocked.Increment(ref serial):0000}号",
            registeredOn,
            office = "110101",
            partyA = Unrecorded("王" + "强", "male", manBorn),
            partyB = Unrecorded("刘" + "芳", "female", "1955-07-09"),
            source = new { volume = registeredOn[..4] + "-婚-01", page = "8" },
            ended,
        });
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
        return (await Json(stored)).GetProperty("marriageId").GetString()!;
    }

    /// <summary>Enters a 1980s record, as <see cref="EnterUnrecordedAsync"/>, that ended by the wife's death on
    /// <paramref name="widowedOn"/>; answers its id and the key of its widower.</summary>
    private async Task<(string Id, string Widower)> EnterWidowerAsync(string registeredOn, string manBorn,
        string widowedOn)
    {
        var id = await EnterUnrecordedAsync(registeredOn, manBorn, new
        {
            kind = "death",
            endedOn = widowedOn,
            reference = $"京东死字第{Interlocked.Increment(ref serial)}号",
            authority = "东城区卫生局",
            partyIdNumber = "partyB",
        });
        return (id, $"unrecorded:{id.ToUpperInvariant()}-A");
    }

    /// <summary>Registers a marriage of <paramref name="card"/> today at an office of its own; answers the office and
    /// the record's id.</summary>
    private async Task<(string Office, string MarriageId)> MarryAsync(string card)
    {
        var office = MarriageApiFixture.NextOffice();
        var registered = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(card, MarriageApiFixture.Woman(), office));
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return (office, (await Json(registered)).GetProperty("marriageId").GetString()!);
    }

    /// <summary>Asserts that a new marriage of <paramref name="card"/> at <paramref name="office"/> is refused
    /// because the person is married.</summary>
    private async Task RefusedAsMarriedAsync(string card, string office) =>
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
                MarriageApiFixture.Registration(card, MarriageApiFixture.Woman(), office)),
            HttpStatusCode.UnprocessableEntity, "person-already-married");

    private async Task<JsonElement> StatusAsync(string document) => await Json(
        await fixture.Registrar.GetAsync($"/api/persons/{Uri.EscapeDataString(document)}/marital-status"));

    private Task<HttpResponseMessage> LinkCardAsync(string personKey, string card) => Registrar.PostAsJsonAsync(
        $"/api/persons/{Uri.EscapeDataString(personKey)}/documents", new
        {
            documentType = "resident-id",
            number = card,
            reason = "household register (户口簿) and both certificates presented",
            office = MarriageApiFixture.Office(20),
        });

    private Task<HttpResponseMessage> UnlinkCardAsync(string personKey, string card, string reason) =>
        Registrar.PostAsJsonAsync($"/api/persons/{Uri.EscapeDataString(personKey)}/documents/unlink", new
        {
            documentType = "resident-id",
            number = card,
            reason,
            office = MarriageApiFixture.Office(20),
        });

    [Fact]
    public async Task APartyWhoMarriedAgainWithTheirCard_HasOneHistoryOnceTheCardIsLinked()
    {
        // Married in 1984 before he had a card; widowed in 1990; married again in 2026 with his card, a record of the
        // card's own.
        var (archived, key) = await EnterWidowerAsync("1984-05-02", "1952-04-01", "1990-11-11");
        var card = MarriageApiFixture.Born(new DateOnly(1952, 4, 1), Sex.Male);
        var (office, current) = await MarryAsync(card);

        // Before the link each is a person of their own; the party's sex and birth date are the record's.
        var party = await StatusAsync(key);
        Assert.Equal(("widowed", "male", "1952-04-01"), (party.GetProperty("status").GetString(),
            party.GetProperty("sex").GetString(), party.GetProperty("birthDate").GetString()));

        var link = await LinkCardAsync(key, card);
        Assert.True(link.StatusCode == HttpStatusCode.Created, await link.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await LinkCardAsync(key, card)).StatusCode);

        // One person, read by either document: married now, the 1984 marriage first.
        foreach (var document in new[] { card, key })
        {
            var status = await StatusAsync(document);
            Assert.Equal(("married", current), (status.GetProperty("status").GetString(),
                status.GetProperty("currentMarriageId").GetString()));
            Assert.Equal([archived, current], status.GetProperty("records").EnumerateArray()
                .Select(r => r.GetProperty("marriageId").GetString()!).ToArray());
        }

        // The extract of his records shows both marriages.
        var extract = await fixture.RegistrarAt(office).PostAsJsonAsync($"/api/persons/{card}/marriage-record-extracts",
            new { office });
        Assert.True(extract.StatusCode == HttpStatusCode.Created, await extract.Content.ReadAsStringAsync());
        Assert.Equal(2, (await Json(extract)).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task HistoriesThatCannotBeOnePersons_AreNotLinked_AndBothStayAsTheyWere()
    {
        // Married in 1984 and never ended on paper, and a card married in 2026: one person would have two spouses.
        var archived = await EnterUnrecordedAsync("1984-06-03", "1951-02-02");
        var key = $"unrecorded:{archived.ToUpperInvariant()}-A";
        var card = MarriageApiFixture.Born(new DateOnly(1951, 2, 2), Sex.Male);
        var (office, _) = await MarryAsync(card);

        var refused = await Problems.AssertProblemAsync(await LinkCardAsync(key, card),
            HttpStatusCode.UnprocessableEntity, "linked-records-overlap");
        Assert.Contains("1041", refused.ToString(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(await LinkCardAsync(key, card), HttpStatusCode.UnprocessableEntity,
            "linked-records-overlap");

        // The refusal discloses what both records say: each refusal is logged as a read of both.
        foreach (var subject in new[] { card, key })
        {
            var log = await Json(await fixture.Api.ClientAs("auditor", "admin").GetAsync(
                $"/api/access-log?date={fixture.Api.Today:yyyy-MM-dd}&subject={Uri.EscapeDataString(subject)}"));
            Assert.Equal(2, log.GetProperty("entries").EnumerateArray()
                .Count(e => e.GetProperty("action").GetString() == "refused-linked-records-overlap"));
        }

        foreach (var document in new[] { card, key })
        {
            var status = await StatusAsync(document);
            Assert.Equal(("married", 1), (status.GetProperty("status").GetString(),
                status.GetProperty("records").GetArrayLength()));
        }

        // Neither is left half-linked: a registration naming the card is judged on its own record (married), not
        // refused as being linked.
        await RefusedAsMarriedAsync(card, office);
    }

    [Fact]
    public async Task ALinkMadeInError_IsUndone_WithTheMarriagesRegisteredOnTheCardSince()
    {
        // Widowed in 1990 on a 1984 record without documents. A registrar links a card of another man born the same
        // day to that party, and the card's holder is then married with it: the new marriage is held on the record
        // the card leads to.
        var (archived, key) = await EnterWidowerAsync("1984-07-07", "1953-03-03", "1990-10-10");
        var wrongCard = MarriageApiFixture.Born(new DateOnly(1953, 3, 3), Sex.Male);
        Assert.Equal(HttpStatusCode.Created, (await LinkCardAsync(key, wrongCard)).StatusCode);
        var (office, since) = await MarryAsync(wrongCard);
        Assert.Equal(2, (await StatusAsync(key)).GetProperty("records").GetArrayLength());

        Task<HttpResponseMessage> UnlinkAsync() => UnlinkCardAsync(key, wrongCard,
            "linked in error: the household register shows another birthplace");
        var undone = await UnlinkAsync();
        Assert.True(undone.StatusCode == HttpStatusCode.OK, await undone.Content.ReadAsStringAsync());
        Assert.Equal((wrongCard, key), ((await Json(undone)).GetProperty("documentKey").GetString(),
            (await Json(undone)).GetProperty("unlinkedFrom").GetString()));
        await Problems.AssertProblemAsync(await UnlinkAsync(), HttpStatusCode.Conflict, "document-not-linked");

        // Each is their own person again: the card with the marriage registered on it, the party widowed.
        var card = await StatusAsync(wrongCard);
        Assert.Equal((wrongCard, "married", since, 0), (card.GetProperty("idNumber").GetString(),
            card.GetProperty("status").GetString(), card.GetProperty("currentMarriageId").GetString(),
            card.GetProperty("documents").GetArrayLength()));
        Assert.Equal(since, Assert.Single(card.GetProperty("records").EnumerateArray()).GetProperty("marriageId").GetString());
        var party = await StatusAsync(key);
        Assert.Equal(("widowed", archived, 0), (party.GetProperty("status").GetString(),
            Assert.Single(party.GetProperty("records").EnumerateArray()).GetProperty("marriageId").GetString(),
            party.GetProperty("documents").GetArrayLength()));

        // The never-twice rule holds on the card by itself.
        await RefusedAsMarriedAsync(wrongCard, office);
    }

    [Fact]
    public async Task ALinkAndItsUndo_AreInBothRecordsHistories_WithWhoWhereWhenAndWhy_AndReadingThemIsLogged()
    {
        var (_, key) = await EnterWidowerAsync("1986-08-08", "1955-06-06", "1992-02-02");
        var wrongCard = MarriageApiFixture.Born(new DateOnly(1955, 6, 6), Sex.Male);
        Assert.Equal(HttpStatusCode.Created, (await LinkCardAsync(key, wrongCard)).StatusCode);
        var (_, since) = await MarryAsync(wrongCard);

        // Linked, the card answers the history of the record it leads to, where the link is an entry.
        var linked = await HistoryAsync(wrongCard);
        Assert.Equal((key, wrongCard), (linked.GetProperty("idNumber").GetString(),
            Assert.Single(linked.GetProperty("documents").EnumerateArray()).GetString()));
        var joined = Assert.Single(linked.GetProperty("events").EnumerateArray());
        Assert.Equal((1, "document-linked", IdentityDocument.Mask(wrongCard), 0,
                "household register (户口簿) and both certificates presented", "registrar-1",
                MarriageApiFixture.Office(20)),
            (joined.GetProperty("sequence").GetInt32(), joined.GetProperty("kind").GetString(),
                joined.GetProperty("document").GetString(), joined.GetProperty("marriageRecords").GetInt32(),
                joined.GetProperty("reason").GetString(), joined.GetProperty("recordedBy").GetString(),
                joined.GetProperty("office").GetString()));
        Assert.Equal(fixture.Api.Time.GetUtcNow(), joined.GetProperty("recordedAt").GetDateTimeOffset());

        // Asked again, the link changes nothing and adds no entry.
        Assert.Equal(HttpStatusCode.Created, (await LinkCardAsync(key, wrongCard)).StatusCode);
        Assert.Single((await HistoryAsync(key)).GetProperty("events").EnumerateArray());

        const string why = "linked in error: the household register shows another birthplace";
        Assert.Equal(HttpStatusCode.OK, (await UnlinkCardAsync(key, wrongCard, why)).StatusCode);

        // Each record tells its side: the card linked to the party's record and taken back with the marriage
        // registered on it since; the party's record joined by the card and left by it.
        static (string?, string?, int, string?)[] Entries(JsonElement history) =>
            history.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(),
                e.GetProperty("document").GetString(), e.GetProperty("marriageRecords").GetInt32(),
                e.GetProperty("reason").GetString())).ToArray();
        const string linkReason = "household register (户口簿) and both certificates presented";
        var party = await HistoryAsync(key);
        Assert.Equal(key, party.GetProperty("idNumber").GetString());
        Assert.Empty(party.GetProperty("documents").EnumerateArray());
        Assert.Equal([("document-linked", IdentityDocument.Mask(wrongCard), 0, linkReason),
            ("document-unlinked", IdentityDocument.Mask(wrongCard), 1, why)], Entries(party));
        var card = await HistoryAsync(wrongCard);
        Assert.Equal(wrongCard, card.GetProperty("idNumber").GetString());
        Assert.Equal([("linked-to", IdentityDocument.Mask(key), 0, linkReason),
            ("unlinked-from", IdentityDocument.Mask(key), 1, why)], Entries(card));
        Assert.Equal(since, (await StatusAsync(wrongCard)).GetProperty("currentMarriageId").GetString());

        // The histories name a person's documents and who linked them: every read is logged.
        var log = await Json(await fixture.Api.ClientAs("auditor", "admin").GetAsync(
            $"/api/access-log?date={fixture.Api.Today:yyyy-MM-dd}&subject={Uri.EscapeDataString(key)}"));
        Assert.Equal(3, log.GetProperty("entries").EnumerateArray()
            .Count(e => e.GetProperty("action").GetString() == "person-history"));
    }

    private async Task<JsonElement> HistoryAsync(string document)
    {
        var response = await Registrar.GetAsync($"/api/persons/{Uri.EscapeDataString(document)}/history");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    [Fact]
    public async Task TheArchivesPartyLinkedToTheirCard_LeavesTheCardThePersonsRecord()
    {
        var (archived, key) = await EnterWidowerAsync("1985-09-09", "1954-05-05", "1991-01-01");
        var card = MarriageApiFixture.Born(new DateOnly(1954, 5, 5), Sex.Male);
        var (_, current) = await MarryAsync(card);

        Task<HttpResponseMessage> LinkPartyAsync(string number) => Registrar.PostAsJsonAsync(
            $"/api/persons/{card}/documents", new
            {
                documentType = "unrecorded",
                number,
                reason = "the 1985 certificate and the household register presented",
                office = MarriageApiFixture.Office(20),
            });
        await Problems.AssertProblemAsync(await LinkPartyAsync("1985-A"), HttpStatusCode.BadRequest,
            "unrecorded-party-format");
        await Problems.AssertProblemAsync(await LinkPartyAsync($"{Guid.NewGuid():N}-A"), HttpStatusCode.NotFound,
            "marriage-not-found");
        var link = await LinkPartyAsync(key["unrecorded:".Length..].ToLowerInvariant());
        Assert.True(link.StatusCode == HttpStatusCode.Created, await link.Content.ReadAsStringAsync());
        Assert.Equal((key, card), ((await Json(link)).GetProperty("documentKey").GetString(),
            (await Json(link)).GetProperty("personKey").GetString()));

        var status = await StatusAsync(key);
        Assert.Equal((card, "married", key), (status.GetProperty("idNumber").GetString(),
            status.GetProperty("status").GetString(), Assert.Single(status.GetProperty("documents").EnumerateArray()).GetString()));
        Assert.Equal([archived, current], status.GetProperty("records").EnumerateArray()
            .Select(r => r.GetProperty("marriageId").GetString()!).ToArray());
    }
}
