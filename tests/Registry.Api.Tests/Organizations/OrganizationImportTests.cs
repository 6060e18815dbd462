using System.Net;
using System.Net.Http.Json;
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

    private async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string source = "登记库导出.csv",
        string query = "") =>
        await client.PostAsync($"/api/organizations/imports?source={Uri.EscapeDataString(source)}{query}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string CodeOf(string row) => row[..18];

    [Fact]
    public async Task Import_StoresValidRowsAndReportsEachRefusedLineWithItsRule_AndARerunStoresNothingTwice()
    {
        var county = TestCodes.AnyCounty();
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
        Assert.Equal(refused.GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, (long)g.Count())),
            first.GetProperty("rejectedByRule").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));

        // The report downloads as a CSV a spreadsheet opens: one row per refused line, in line order.
        var report = await Api.Registrar().GetAsync(first.GetProperty("rejectionReport").GetString());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/csv", report.Content.Headers.ContentType?.MediaType);
        var bytes = await report.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"行号\",\"统一社会信用代码\",\"规则\",\"字段\",\"说明\"", lines[0]);
        Assert.Equal(refused.Select((r, i) => $"\"{2 + valid.Length + i}\",\"{(r.Row.StartsWith('"') ? "" : CodeOf(r.Row))}\",\"{r.Rule}\""),
            lines[1..].Select(l => string.Join(',', l.Split(',').Take(3))));

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
    public async Task Import_AGradeWithItsEvaluationDate_RunsFiveYearsFromIt()
    {
        var county = TestCodes.AnyCounty();
        var today = Api.Today;
        var (recent, old) = (today.AddYears(-1), today.AddYears(-6));
        string With(string row, DateOnly? evaluatedOn) => $"{row},{evaluatedOn:yyyy-MM-dd}";
        var valid = new[]
        {
            With(Row(county, "2012-09-30", grade: "4A"), recent),
            With(Row(county, "2010-09-30", grade: "3A"), old),
            With(Row(county, "2011-09-30", grade: "2A"), null),
        };
        var refused = new[]
        {
            With(Row(county, "2013-01-01"), recent),
            With(Row(county, "2013-01-01", grade: "2A"), new DateOnly(2012, 12, 31)),
            With(Row(county, "2013-01-01", grade: "2A"), today.AddDays(1)),
            Row(county, "2013-01-01", grade: "2A") + ",2020-02-30",
        };
        var csv = string.Join("\n", [Header + ",gradeEvaluatedOn", .. valid, .. refused]) + "\n";

        var job = await ImportJsonAsync(csv);

        Assert.Equal(valid.Length, job.GetProperty("imported").GetInt32());
        Assert.Equal(["grade-date", "grade-date", "grade-date", "date-format"], job.GetProperty("rejections")
            .EnumerateArray().Select(r => r.GetProperty("rule").GetString()));
        (string?, string?, string?) GradeOf(JsonElement record) =>
            (record.GetProperty("grade").GetProperty("evaluatedOn").GetString(),
                record.GetProperty("grade").GetProperty("validUntil").GetString(),
                record.GetProperty("grade").GetProperty("status").GetString());
        var records = new List<JsonElement>();
        foreach (var row in valid)
        {
            records.Add(await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{CodeOf(row)}"));
        }

        Assert.Equal(($"{recent:yyyy-MM-dd}", $"{recent.AddYears(5):yyyy-MM-dd}", "in-force"), GradeOf(records[0]));
        Assert.Equal(($"{old:yyyy-MM-dd}", $"{old.AddYears(5):yyyy-MM-dd}", "expired"), GradeOf(records[1]));
        Assert.Equal(($"{today:yyyy-MM-dd}", $"{today.AddYears(5):yyyy-MM-dd}", "in-force"), GradeOf(records[2]));
    }

    [Fact]
    public async Task Import_RacingRegistrationsOfTheSameNamesAndCodes_LeaveEachToExactlyOneOrganization()
    {
        // Rows and registrations sent at the same time contest a name in the office (different codes) or a code
        // (different names); filler rows keep the import busy around them. Whichever comes first wins; the other is
        // refused naming the rule, and never are both stored.
        var county = TestCodes.AnyCounty();
        const int Pairs = 6;
        var names = Enumerable.Range(0, Pairs)
            .Select(_ => (Code: TestCodes.Uscc(OrganizationKind.SocialAssociation, county), Name: $"同名竞争协会{TestCodes.NextSerial()}"))
            .ToList();
        var codes = Enumerable.Range(0, Pairs).Select(_ => TestCodes.Uscc(OrganizationKind.SocialAssociation, county)).ToList();
        string ContestedRow(string code, string name) => $"{code},\"{name}\",社会团体,{county},2016-03-01,{Person()},正常,";
        var rows = new List<string>();
        for (var i = 0; i < Pairs; i++)
        {
            rows.AddRange(Enumerable.Range(0, 10).Select(_ => Row(county, "2016-03-01")));
            rows.Add(ContestedRow(names[i].Code, names[i].Name));
            rows.Add(ContestedRow(codes[i], $"代码竞争协会{TestCodes.NextSerial()}"));
        }

        var csv = string.Join("\n", [Header, .. rows]) + "\n";
        var import = ImportJsonAsync(csv);
        var byName = names.Select(n => Api.Registrar().PostAsJsonAsync("/api/organizations",
            OrganizationApi.Registration(county, name: n.Name))).ToList();
        var byCode = codes.Select(code => Api.Registrar().PostAsJsonAsync("/api/organizations",
            OrganizationApi.Registration(county, uscc: code))).ToList();
        var job = await import;
        var rejected = job.GetProperty("rejections").EnumerateArray()
            .ToDictionary(r => r.GetProperty("uscc").GetString()!, r => r.GetProperty("rule").GetString());
        Assert.Equal(rejected.Count, job.GetProperty("rejected").GetInt32());

        for (var i = 0; i < Pairs; i++)
        {
            var registration = await byName[i];
            if (registration.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal("organization-name-taken", rejected.GetValueOrDefault(names[i].Code));
                await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync($"/api/organizations/{names[i].Code}"),
                    HttpStatusCode.NotFound, "organization-not-found");
            }
            else
            {
                await Problems.AssertProblemAsync(registration, HttpStatusCode.Conflict, "organization-name-taken");
                Assert.False(rejected.ContainsKey(names[i].Code), $"row of {names[i].Code} refused as well");
                var imported = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{names[i].Code}");
                Assert.Equal((names[i].Name, "active"), (imported.GetProperty("name").GetString(),
                    imported.GetProperty("status").GetString()));
            }

            var sameCode = await byCode[i];
            var stored = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{codes[i]}");
            if (sameCode.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal("organization-already-registered", rejected.GetValueOrDefault(codes[i]));
                Assert.StartsWith("社区文化促进会", stored.GetProperty("name").GetString());
            }
            else
            {
                await Problems.AssertProblemAsync(sameCode, HttpStatusCode.Conflict, "organization-already-registered");
                Assert.False(rejected.ContainsKey(codes[i]), $"row of {codes[i]} refused as well");
                Assert.Equal("2016-03-01", stored.GetProperty("registeredOn").GetString());
            }
        }
    }

    [Fact]
    public async Task Import_HeaderWithoutAColumn_Is400AndStoresNothing()
    {
        var row = Row(TestCodes.AnyCounty(), "2016-03-01");
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
        var county = TestCodes.AnyCounty();
        var row = Row(county, "2016-03-01");

        var response = await ImportAsync(Api.RegistrarAt(county), Header + "\n" + row + "\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync($"/api/organizations/{CodeOf(row)}"),
            HttpStatusCode.NotFound, "organization-not-found");
    }

    [Fact]
    public async Task Import_Is202WithTheJob_WhoseProgressIsFollowedUntilItCompletes()
    {
        var county = TestCodes.AnyCounty();
        var rows = Enumerable.Range(0, 40).Select(i => Row(county, $"2014-0{1 + i % 9}-1{i % 10}")).ToList();
        var refusedRow = Row(county, "2099-01-01");
        var csv = string.Join("\n", [Header, .. rows, refusedRow]) + "\n";

        var response = await ImportAsync(Api.Registrar(), csv, "省社会组织登记库导出.csv");

        var accepted = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, accepted);
        var job = JsonDocument.Parse(accepted).RootElement;
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal($"/api/organizations/imports/{id}", response.Headers.Location?.ToString());
        Assert.Equal(("running", "省社会组织登记库导出.csv", 0L, "registrar-chen"),
            (job.GetProperty("status").GetString(), job.GetProperty("source").GetString(),
                job.GetProperty("imported").GetInt64(), job.GetProperty("startedBy").GetString()));

        var seen = await FollowAsync(response.Headers.Location!.ToString());

        // Counts never go back while it runs, and the end holds every row.
        foreach (var (before, after) in seen.Zip(seen.Skip(1)))
        {
            Assert.True(after.Rows >= before.Rows && after.Imported >= before.Imported && after.Rejected >= before.Rejected,
                $"progress went back: {before} then {after}");
        }

        Assert.Equal(("completed", rows.Count + 1L, (long)rows.Count, 0L, 1L),
            (seen[^1].Status, seen[^1].Rows, seen[^1].Imported, seen[^1].AlreadyStored, seen[^1].Rejected));
        var stored = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{CodeOf(rows[^1])}");
        Assert.Equal(county, stored.GetProperty("registeringOffice").GetString());

        var rerun = await ImportAsync(Api.Registrar(), csv, "省社会组织登记库导出.csv");
        var again = await FollowAsync(rerun.Headers.Location!.ToString());
        Assert.Equal(("completed", 0L, (long)rows.Count, 1L),
            (again[^1].Status, again[^1].Imported, again[^1].AlreadyStored, again[^1].Rejected));
        Assert.NotEqual(id, JsonDocument.Parse(await rerun.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ImportJob_UnknownOrMalformedId_Is404_AndAnOrganizationTokenCannotReadIt()
    {
        await Problems.AssertProblemAsync(await Api.Registrar().GetAsync($"/api/organizations/imports/{Guid.NewGuid():N}"),
            HttpStatusCode.NotFound, "import-not-found");
        await Problems.AssertProblemAsync(await Api.Registrar().GetAsync("/api/organizations/imports/not-a-job/rejections"),
            HttpStatusCode.NotFound, "import-not-found");

        var response = await ImportAsync(Api.Registrar(), Header + "\n" + Row(TestCodes.AnyCounty(), "2016-03-01") + "\n");
        var job = response.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.ForOrganization(CodeOf(Row(TestCodes.Counties[0], "2016-03-01")))
            .GetAsync(job)).StatusCode);
        await FollowAsync(job);
    }

    [Fact]
    public async Task Import_WaitNeitherTrueNorFalse_Is400AndStartsNoJob()
    {
        var row = Row(TestCodes.AnyCounty(), "2016-03-01");

        await Problems.AssertProblemAsync(await ImportAsync(Api.Registrar(), Header + "\n" + row + "\n", query: "&wait=yes"),
            HttpStatusCode.BadRequest, "query-value");
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync($"/api/organizations/{CodeOf(row)}"),
            HttpStatusCode.NotFound, "organization-not-found");
    }

    private sealed record Progress(string Status, long Rows, long Imported, long AlreadyStored, long Rejected);

    /// <summary>Polls the job as a client would until it has ended (a bounded wait naming the last state seen).</summary>
    private async Task<List<Progress>> FollowAsync(string location)
    {
        var seen = new List<Progress>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var job = await Api.GetJsonAsync(Api.Registrar(), location);
            seen.Add(new Progress(job.GetProperty("status").GetString()!, job.GetProperty("rows").GetInt64(),
                job.GetProperty("imported").GetInt64(), job.GetProperty("alreadyStored").GetInt64(),
                job.GetProperty("rejected").GetInt64()));
            if (seen[^1].Status != "running")
            {
                return seen;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the import was still running after 2 minutes: {seen[^1]}");
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> ImportJsonAsync(string csv)
    {
        var response = await ImportAsync(Api.Registrar(), csv, query: "&wait=true");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var job = JsonDocument.Parse(body).RootElement;
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return job;
    }
}
