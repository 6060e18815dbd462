using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Organizations;
using Registry.Grains.Tests;
using Registry.Grains.Tests.Divisions;
using Registry.Grains.Tests.Organizations;

namespace Registry.Api.Tests.Organizations;

/// <summary>
/// The existing register entered by a CSV import (issue 20 part 4). The rows are synthetic test data: codes with
/// check characters computed per GB 32100-2015 over real division codes of the shipped editions, names made from a
/// real county's name, people's names composed from common surnames and Han numerals.
/// </summary>
[Collection(OrganizationApiCollection.Name)]
public sealed class OrganizationImportTests(OrganizationApiFixture fixture)
{
    private const string Header = "code,name,kind,office,registeredOn,legalRepresentative,status,grade";

    private OrganizationApi Api => fixture.Api;

    private static string Person() =>
        "林" + string.Concat($"{TestCodes.NextSerial()}".Select(d => "零一二三四五六七八九"[d - '0']));

    private static string Row(string office, string registeredOn, string status = "正常", string grade = "",
        string kind = "社会团体", string? uscc = null, string? person = null)
    {
        var serial = TestCodes.NextSerial();
        uscc ??= TestCodes.Uscc(OrganizationKind.SocialAssociation, office, serial);
        var name = $"{ReferenceDivisions.All.FirstOrDefault(d => d.Code == office)?.Names[0].Value ?? EditionChanges.EarliestName(office)}书法家协会{serial}";
        return $"{uscc},\"{name}\",{kind},{office},{registeredOn},{person ?? Person()},{status},{grade}";
    }

    private async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string source = "登记库导出.csv") =>
        await client.PostAsync($"/api/organizations/imports?source={Uri.EscapeDataString(source)}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string CodeOf(string row) => row[..18];

    [Fact]
    public async Task Import_StoresValidRowsAndReportsEachRefusedLineWithItsRule_AndARerunStoresNothingTwice()
    {
        var county = TestCodes.County(TestCodes.NextSerial());
        var ended = EditionChanges.EndedCounties[0];
        var valid = new[]
        {
            Row(county, "2016-03-01"),
            Row(ended, "2015-06-18"),
            Row(county, "2012-09-30", grade: "4A"),
            Row(county, "2010-01-05", status: "已注销"),
            Row(county, "2019-11-11", status: "revoked", kind: "social-association"),
        };
        var otherCounty = TestCodes.Counties.First(c => c != county);
        var goodCode = TestCodes.Uscc(OrganizationKind.SocialAssociation, county);
        var refused = new (string Row, string Rule)[]
        {
            (Row(county, "2016-03-01", uscc: TestCodes.WithWrongChecks(goodCode).First()), "uscc-check-character"),
            (Row(county, "2016-03-01", uscc: TestCodes.Uscc(OrganizationKind.SocialAssociation, otherCounty)), "uscc-division-office-mismatch"),
            (Row(ended, EditionChanges.Latest.CutOff.ToString("yyyy-MM-dd")), "registering-office-not-in-force"),
            (Row(county, "2099-01-01"), "registered-on-future"),
            (Row(county, "2016-03-01", kind: "协会"), "value-out-of-range"),
            (Row(county, "2016-13-01"), "date-format"),
            (Row(county, "2016-03-01", status: "已注销", grade: "3A"), "grade-requires-active-organization"),
            (Row(county, "2016-03-01", person: "林3"), "person-name-format"),
            (valid[0], "import-duplicate-code"),
            ("\"broken,quote", "import-row-malformed"),
        };
        var csv = string.Join("\n", [Header, .. valid, .. refused.Select(r => r.Row)]) + "\n";

        var first = await ImportJsonAsync(csv);

        Assert.Equal((valid.Length + refused.Length, valid.Length, 0, refused.Length),
            (first.GetProperty("rows").GetInt32(), first.GetProperty("imported").GetInt32(),
                first.GetProperty("alreadyStored").GetInt32(), first.GetProperty("rejected").GetInt32()));
        var rejections = first.GetProperty("rejections").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("rule").GetString())).ToList();
        Assert.Equal(refused.Select((r, i) => (2 + valid.Length + i, (string?)r.Rule)), rejections);
        Assert.True(first.GetProperty("rejectionsListed").GetBoolean());

        var old = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{CodeOf(valid[1])}");
        Assert.Equal(("2015-06-18", ended, "active"), (old.GetProperty("registeredOn").GetString(),
            old.GetProperty("registeringOffice").GetString(), old.GetProperty("status").GetString()));
        var deregistered = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{CodeOf(valid[3])}");
        Assert.Equal("deregistered", deregistered.GetProperty("status").GetString());
        var graded = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{CodeOf(valid[2])}");
        Assert.Contains("4A", graded.GetRawText());

        var again = await ImportJsonAsync(csv);
        Assert.Equal((0, valid.Length, refused.Length),
            (again.GetProperty("imported").GetInt32(), again.GetProperty("alreadyStored").GetInt32(),
                again.GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public async Task Import_HeaderWithoutAColumn_Is400AndStoresNothing()
    {
        var row = Row(TestCodes.County(TestCodes.NextSerial()), "2016-03-01");
        var csv = Header.Replace(",grade", "", StringComparison.Ordinal) + "\n" + row + "\n";

        await Problems.AssertProblemAsync(await ImportAsync(Api.Registrar(), csv), HttpStatusCode.BadRequest,
            "import-columns");
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync($"/api/organizations/{CodeOf(row)}"),
            HttpStatusCode.NotFound, "organization-not-found");
    }

    [Fact]
    public async Task Import_WithoutSource_Is400()
    {
        var response = await Api.Registrar().PostAsync("/api/organizations/imports",
            new StringContent(Header + "\n", Encoding.UTF8, "text/csv"));

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "field-required");
    }

    [Fact]
    public async Task Import_ByACountyRegistrar_IsRefusedAndStoresNothing()
    {
        var county = TestCodes.County(TestCodes.NextSerial());
        var row = Row(county, "2016-03-01");

        var response = await ImportAsync(Api.RegistrarAt(county), Header + "\n" + row + "\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync($"/api/organizations/{CodeOf(row)}"),
            HttpStatusCode.NotFound, "organization-not-found");
    }

    private async Task<JsonElement> ImportJsonAsync(string csv)
    {
        var response = await ImportAsync(Api.Registrar(), csv);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
