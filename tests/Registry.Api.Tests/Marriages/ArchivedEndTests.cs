using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Persons;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// Marriages the archive shows as ended (离婚登记, a court's divorce, a death, an annulment), entered with their end:
/// the parties' status is what the archive says, a divorced or widowed party may marry again, and a person's archive
/// entries may come in any order, refused only where their periods overlap. The offices are Laiwu (371200), a
/// prefecture-level city in force until its 2019 merger into Jinan, and Jinan (370100).
/// </summary>
[Collection(MarriageApiCollection.Name)]
public sealed class ArchivedEndTests(MarriageApiFixture fixture)
{
    private const string Laiwu = "371200";
    private const string Jinan = "370100";

    private static int serial;

    private static string Number(char kind, string office, int year) =>
        $"{kind}{office}-{year}-{Interlocked.Increment(ref serial) + 700_000:000000}";

    private static Dictionary<string, object?> Entry(string number, string date, string office, string a, string b,
        object? ended = null) => new()
    {
        ["certificateNumber"] = number,
        ["registeredOn"] = date,
        ["office"] = office,
        ["partyA"] = new { idNumber = a, name = "王" + "强", nationality = "中国" },
        ["partyB"] = new { idNumber = b, name = "刘" + "芳", nationality = "中国" },
        ["source"] = new { volume = $"{date[..4]}-婚-07", page = "88" },
        ["ended"] = ended,
    };

    private static object Ended(string kind, string on, string reference, string authority, string? party = null) =>
        new { kind, endedOn = on, reference, authority, partyIdNumber = party };

    private HttpClient Registrar => fixture.RegistrarAt(MarriageApiFixture.Office(21));

    private async Task<JsonElement> EnterAsync(object entry, HttpStatusCode expected)
    {
        var response = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries", entry);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<string> StatusAsync(string person) =>
        JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{person}/marital-status"))
            .RootElement.GetProperty("status").GetString()!;

    private static string Man(int year) => MarriageApiFixture.Born(new DateOnly(year, 4, 5), Sex.Male);

    private static string Woman(int year) => MarriageApiFixture.Born(new DateOnly(year, 8, 9), Sex.Female);

    [Fact]
    public async Task DivorceRegisteredBeforeTheRegistry_EnteredAfterTheLaterMarriage_GivesTheArchivesStatus()
    {
        var (man, first, second) = (Man(1975), Woman(1977), Woman(1980));

        // The later marriage first: the bureau's volumes need not come in order.
        await EnterAsync(Entry(Number('J', Laiwu, 2012), "2012-06-01", Laiwu, man, second), HttpStatusCode.Created);
        var divorce = Number('L', Laiwu, 2010);
        var entered = await EnterAsync(Entry(Number('J', Laiwu, 2005), "2005-10-01", Laiwu, man, first,
            Ended("divorce-registration", "2010-03-01", divorce, Laiwu)), HttpStatusCode.Created);
        var id = entered.GetProperty("marriageId").GetString();

        Assert.Equal("married", await StatusAsync(man));
        Assert.Equal("divorced", await StatusAsync(first));
        var record = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/marriages/{id}")).RootElement;
        Assert.Equal("divorced", record.GetProperty("status").GetString());
        Assert.Equal(["entered-from-archive", "divorced"], record.GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()));
        var certificate = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/certificates/{divorce}"))
            .RootElement;
        Assert.Equal(id, certificate.GetProperty("marriageId").GetString());
        Assert.All(certificate.GetProperty("booklets").EnumerateArray(),
            b => Assert.Equal("valid", b.GetProperty("status").GetString()));

        // The divorced party may marry again today.
        var office = MarriageApiFixture.NextOffice();
        var remarriage = await fixture.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(MarriageApiFixture.Man(), first, office));
        Assert.Equal(HttpStatusCode.Created, remarriage.StatusCode);
    }

    [Fact]
    public async Task OverlappingPeriods_Are422PersonAlreadyMarried_AndNothingIsHeld()
    {
        var (man, first, other) = (Man(1970), Woman(1972), Woman(1973));
        await EnterAsync(Entry(Number('J', Laiwu, 2000), "2000-05-01", Laiwu, man, first,
            Ended("court-divorce", "2008-01-15", "(2007)莱民初字第123号", "莱芜市莱城区人民法院")), HttpStatusCode.Created);

        var overlapping = await EnterAsync(Entry(Number('J', Laiwu, 2007), "2007-09-01", Laiwu, man, other,
            Ended("court-divorce", "2009-01-15", "(2008)莱民初字第9号", "莱芜市莱城区人民法院")),
            HttpStatusCode.UnprocessableEntity);

        Assert.Equal("person-already-married", overlapping.GetProperty("rule").GetString());
        Assert.Equal("single", await StatusAsync(other));

        // From the day the divorce took effect the man could marry again.
        await EnterAsync(Entry(Number('J', Laiwu, 2008), "2008-01-15", Laiwu, man, other), HttpStatusCode.Created);
        Assert.Equal("married", await StatusAsync(man));
        Assert.Equal("divorced", await StatusAsync(first));
    }

    [Fact]
    public async Task DeathFromTheArchive_WidowsTheSurvivor_AndNoLaterEntryNamesTheDeceased()
    {
        var (man, woman) = (Man(1950), Woman(1952));
        var number = Number('J', Jinan, 1998);
        await EnterAsync(Entry(number, "1998-02-02", Jinan, man, woman,
            Ended("death", "2015-11-30", "济南市公安局户籍注销证明 2015-0456", "济南市公安局历下分局", man)),
            HttpStatusCode.Created);

        var certificate = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/certificates/{number}"))
            .RootElement;
        Assert.All(certificate.GetProperty("booklets").EnumerateArray(), b =>
        {
            Assert.Equal("void", b.GetProperty("status").GetString());
            Assert.Contains("death", b.GetProperty("voidReason").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal("widowed", await StatusAsync(woman));
        Assert.Equal("deceased", await StatusAsync(man));
        var later = await EnterAsync(Entry(Number('J', Jinan, 2016), "2016-05-05", Jinan, man, Woman(1960)),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("person-deceased", later.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task EntryAgain_IsIdempotent_AndAnotherEndIs409ArchiveRecordDiffers()
    {
        var (man, woman) = (Man(1971), Woman(1974));
        var number = Number('J', Laiwu, 2003);
        var annulled = Ended("annulment", "2004-07-07", "(2004)莱民初字第77号", "莱芜市中级人民法院");
        var first = await EnterAsync(Entry(number, "2003-03-03", Laiwu, man, woman, annulled), HttpStatusCode.Created);
        var again = await EnterAsync(Entry(number, "2003-03-03", Laiwu, man, woman, annulled), HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("marriageId").GetString(), again.GetProperty("marriageId").GetString());
        Assert.Equal("single", await StatusAsync(woman));

        var differs = await EnterAsync(Entry(number, "2003-03-03", Laiwu, man, woman,
            Ended("annulment", "2004-07-08", "(2004)莱民初字第77号", "莱芜市中级人民法院")), HttpStatusCode.Conflict);
        Assert.Equal("archive-record-differs", differs.GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("2003-03-02", false, HttpStatusCode.BadRequest, "archived-end-date")]
    [InlineData("2099-01-01", false, HttpStatusCode.BadRequest, "archived-end-date")]
    [InlineData("2010-01-01", true, HttpStatusCode.UnprocessableEntity, "party-not-in-marriage")]
    public async Task EndThatCannotBe_IsRefusedNamingTheRule_AndNothingIsStored(string endedOn, bool death,
        HttpStatusCode status, string rule)
    {
        var (man, woman) = (Man(1972), Woman(1975));
        var response = await Registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(Number('J', Laiwu, 2003), "2003-03-03", Laiwu, man, woman,
                Ended(death ? "death" : "court-divorce", endedOn, "(2009)莱民初字第1号", "莱芜市中级人民法院",
                    death ? Man(1940) : null)));

        await Problems.AssertProblemAsync(response, status, rule);
        Assert.Equal("single", await StatusAsync(man));
    }

    [Fact]
    public async Task DivorceAtAnOfficeNotInForceOnThatDay_Is422OfficeNotInForce()
    {
        var (man, woman) = (Man(1976), Woman(1978));
        var response = await EnterAsync(Entry(Number('J', Laiwu, 2006), "2006-06-06", Laiwu, man, woman,
            Ended("divorce-registration", "2021-02-02", Number('L', Laiwu, 2021), Laiwu)),
            HttpStatusCode.UnprocessableEntity);

        Assert.Equal("office-not-in-force", response.GetProperty("rule").GetString());
        Assert.Equal("single", await StatusAsync(man));
    }

    [Fact]
    public async Task CsvWithEndColumns_EntersEndedAndInForceLines()
    {
        var (man, first, second) = (Man(1968), Woman(1969), Woman(1971));
        var header = "certificateNumber,registeredOn,office,volume,page,aDocumentType,aNumber,aCountry,aSex," +
            "aBirthDate,aName,aNationality,bDocumentType,bNumber,bCountry,bSex,bBirthDate,bName,bNationality," +
            "endKind,endedOn,endReference,endAuthority,endParty";
        var csv = string.Join("\n",
            header,
            $"{Number('J', Laiwu, 1995)},1995-01-09,{Laiwu},1995-婚-02,4,,{man},,,,王强,中国,,{first},,,,刘芳,中国," +
                $"divorce-registration,2001-12-12,{Number('L', Laiwu, 2001)},{Laiwu},",
            $"{Number('J', Laiwu, 2002)},2002-02-20,{Laiwu},2002-婚-01,9,,{man},,,,王强,中国,,{second},,,,陈静,中国,,,,,",
            $"{Number('J', Laiwu, 2003)},2003-01-01,{Laiwu},2003-婚-01,1,,{Man(1970)},,,,王强,中国,,{Woman(1972)},,,," +
                "刘芳,中国,separation,2004-01-01,X-1,莱芜,") + "\n";

        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        var response = await Registrar.PostAsync("/api/marriages/archive-imports", content);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, report.GetProperty("stored").GetInt32());
        Assert.Equal([(4, "value-out-of-range")], report.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("rule").GetString())));
        Assert.Equal("married", await StatusAsync(man));
        Assert.Equal("divorced", await StatusAsync(first));
    }

    [Fact]
    public async Task CsvImport_OnePersonUnderBothNumberForms_AndALineTwice_EntersEachOnce()
    {
        var (man, first, second) = (Man(1961), Woman(1963), Woman(1965));
        var fifteen = man[..6] + man[8..17];
        var (old, later) = (Number('J', Laiwu, 1990), Number('J', Laiwu, 2001));
        var header = "certificateNumber,registeredOn,office,volume,page,aDocumentType,aNumber,aCountry,aSex," +
            "aBirthDate,aName,aNationality,bDocumentType,bNumber,bCountry,bSex,bBirthDate,bName,bNationality," +
            "endKind,endedOn,endReference,endAuthority,endParty";
        var oldLine = $"{old},1990-03-03,{Laiwu},1990-婚-01,2,,{fifteen},,,,王强,中国,,{first},,,,刘芳,中国," +
            "court-divorce,1999-09-09,(1999)莱民初字第5号,莱芜市中级人民法院,";
        var csv = string.Join("\n", header, oldLine,
            $"{later},2001-01-01,{Laiwu},2001-婚-01,3,,{man},,,,王强,中国,,{second},,,,陈静,中国,,,,,", oldLine) + "\n";

        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        var response = await Registrar.PostAsync("/api/marriages/archive-imports", content);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3, 0), (report.GetProperty("stored").GetInt32(), report.GetProperty("rejected").GetArrayLength()));
        var status = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{man}/marital-status"))
            .RootElement;
        Assert.Equal("married", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("records").GetArrayLength());
    }
}
