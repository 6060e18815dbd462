using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Abstractions.Places;
using Registry.Grains.Places;

namespace Registry.Api.Tests.Places;

/// <summary>Names in force entered by an import (CSV or GeoJSON) as recorded names: flagged, not refused, where they
/// duplicate a current name; refused rows reported with their rule; a re-run changes nothing.</summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameImportTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";
    private const string Header = "name,romanization,category,divisionCode,geometry,approvingAuthority,approvedOn,status";

    private readonly PlaceNameClient api = new(fixture.Factory);

    private async Task<JsonElement> ImportAsync(string body, string mediaType, string source)
    {
        var response = await api.Registrar.PostAsync($"/api/place-names/imports?source={Uri.EscapeDataString(source)}&wait=true",
            new StringContent(body, Encoding.UTF8, mediaType));
        return await PlaceNameClient.OkAsync(response);
    }

    [Fact]
    public async Task ImportCsv_RecordsFlagsDuplicatesReportsRefusedRowsAndIsIdempotent()
    {
        var (duplicated, recorded, halfApproved, unknownStatus) =
            (PlaceTestData.Township(120), PlaceTestData.Township(121), PlaceTestData.Township(122), PlaceTestData.Township(123));
        var proposal = await api.ProposedAsync(duplicated.Name, AdministrativeDivision, duplicated.Code, PlaceTestData.ChinesePoint(120));
        var approvedOn = api.Today.AddYears(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = string.Join("\n",
            Header,
            $"{duplicated.Name},,{AdministrativeDivision},{duplicated.Code},,,,recorded",
            $"{recorded.Name},,{AdministrativeDivision},{recorded.Code},,县人民政府,{approvedOn},",
            $"{halfApproved.Name},,{AdministrativeDivision},{halfApproved.Code},,县人民政府,,recorded",
            $"{halfApproved.Name},,village,{halfApproved.Code},,,,",
            $"{recorded.Name},,{AdministrativeDivision},{recorded.Code},,县人民政府,{approvedOn},",
            $"{unknownStatus.Name},,{AdministrativeDivision},{unknownStatus.Code},,,,approved") + "\n";

        var job = await ImportAsync(csv, "text/csv", "地名档案-导入测试.csv");
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(6, job.GetProperty("rows").GetInt64());
        Assert.Equal(2, job.GetProperty("recorded").GetInt64());
        Assert.Equal(4, job.GetProperty("rejected").GetInt64());
        Assert.Equal(1, job.GetProperty("flagged").GetInt64());
        Assert.Equal(["approval-incomplete", "import-duplicate-row", "import-status", "place-category"],
            job.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("rule").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal([4L, 5, 6, 7], job.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("line").GetInt64()));
        var flag = Assert.Single(job.GetProperty("flags").EnumerateArray().ToList());
        Assert.Equal(2, flag.GetProperty("line").GetInt64());
        Assert.Equal("place-name-duplicate", flag.GetProperty("rule").GetString());
        Assert.Contains(proposal.GetProperty("id").GetString()!, flag.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The flagged name is recorded all the same, public, and names what it duplicates (to the registrar only).
        var flaggedId = PlaceName.RecordedId(new RecordPlaceName(duplicated.Name, null, PlaceCategory.AdministrativeDivision,
            duplicated.Code, null, null, null, ""));
        var flagged = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{flaggedId}"));
        Assert.Equal("recorded", flagged.GetProperty("status").GetString());
        Assert.Contains(proposal.GetProperty("id").GetString()!, flagged.GetProperty("flags")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, flagged.GetProperty("geometry").ValueKind);

        // Recording gives the place-name code (division, category 02, a registry serial), and so does approval.
        var prefix = duplicated.Code + "02";
        var recordedCode = flagged.GetProperty("code").GetString()!;
        Assert.Matches($"^{prefix}0[1-9][0-9]{{3}}$", recordedCode);
        var approved = await api.ApprovedAsync(proposal.GetProperty("id").GetString()!);
        var approvedCode = approved.GetProperty("code").GetString()!;
        Assert.Matches($"^{prefix}0[1-9][0-9]{{3}}$", approvedCode);
        Assert.NotEqual(recordedCode, approvedCode);
        var seen = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{flaggedId}"));
        Assert.Equal(0, seen.GetProperty("flags").GetArrayLength());

        // The recorded name keeps its real approval and the likely spelling, and its history names the file and line.
        var recordedId = PlaceName.RecordedId(new RecordPlaceName(recorded.Name, null, PlaceCategory.AdministrativeDivision,
            recorded.Code, null, "县人民政府", DateOnly.Parse(approvedOn, CultureInfo.InvariantCulture), ""));
        var record = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{recordedId}"));
        Assert.Equal(approvedOn, record.GetProperty("approvedOn").GetString());
        Assert.Equal(await api.SpellingAsync(recorded.Name, AdministrativeDivision), record.GetProperty("romanization").GetString());
        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{recordedId}/history"));
        Assert.Equal("recorded", history[0].GetProperty("kind").GetString());
        Assert.Equal("地名档案-导入测试.csv line 3", history[0].GetProperty("reason").GetString());

        // A new name is still held to the duplicate rule: the recorded name blocks its duplicate.
        await Problems.AssertProblemAsync(await api.ProposeAsync(recorded.Name,
                await api.SpellingAsync(recorded.Name, AdministrativeDivision), AdministrativeDivision, recorded.Code,
                PlaceTestData.ChinesePoint(121)),
            HttpStatusCode.Conflict, "place-name-duplicate");

        // The report lists the refused and the flagged rows.
        var report = await api.Registrar.GetStringAsync($"/api/place-names/imports/{job.GetProperty("id").GetString()}/report");
        Assert.Contains("approval-incomplete", report, StringComparison.Ordinal);
        Assert.Contains("\"flagged\"", report, StringComparison.Ordinal);

        // A re-run records nothing twice.
        var again = await ImportAsync(csv, "text/csv", "地名档案-导入测试.csv");
        Assert.Equal(0, again.GetProperty("recorded").GetInt64());
        Assert.Equal(2, again.GetProperty("alreadyStored").GetInt64());
        Assert.Equal(4, again.GetProperty("rejected").GetInt64());
        var unchanged = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{recordedId}/history"));
        Assert.Equal(history.GetArrayLength(), unchanged.GetArrayLength());
    }

    [Fact]
    public async Task ImportCsv_NamesInForceOutsideTheStandard_RecordedAsWrittenAndFlagged_ANewOneRefused()
    {
        // Real names of the official list (Places/Data/villages-outside-standard.csv), as a bureau's records hold them.
        var rows = File.ReadLines(Path.Combine(PlaceTestData.DataDirectory, "villages-outside-standard.csv")).Skip(1)
            .Select(line => Registry.Abstractions.Text.CsvLine.Fields(line)!)
            .Where(f => f[0] is "110108010027" or "110102007013" or "331121104234")
            .Select(f => (Name: VillageSeats.NameOf(f[1]), Township: f[2]))
            .ToList();
        var csv = string.Join("\n",
            Header,
            $"\"{rows[0].Name}\",Tiedaobu Zhuzhaiqu Di'er Er Shequ,village-seat,{rows[0].Township},,,,recorded",
            $"\"{rows[1].Name}\",,village-seat,{rows[1].Township},,区人民政府,2001-05-01,",
            $"\"{rows[2].Name}\",,village-seat,{rows[2].Township},,,,",
            $"\"温泉\u0001花园\",,village-seat,{rows[0].Township},,,,") + "\n";

        var job = await ImportAsync(csv, "text/csv", "村级名称档案.csv");
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("recorded").GetInt64());
        Assert.Equal(1, job.GetProperty("rejected").GetInt64());
        Assert.Equal("place-name-characters", job.GetProperty("rejections")[0].GetProperty("rule").GetString());
        Assert.Equal(3, job.GetProperty("flagged").GetInt64());
        Assert.Equal(3, job.GetProperty("flaggedByRule").GetProperty(NameCharacters.Flag).GetInt64());
        Assert.Equal([2L, 3, 4], job.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("line").GetInt64()));
        Assert.All(job.GetProperty("flags").EnumerateArray(), f => Assert.Equal(NameCharacters.Flag, f.GetProperty("rule").GetString()));
        Assert.Contains("enumeration-comma 、", job.GetProperty("flags")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var report = await api.Registrar.GetStringAsync($"/api/place-names/imports/{job.GetProperty("id").GetString()}/report");
        Assert.Contains(NameCharacters.Flag, report, StringComparison.Ordinal);

        // Recorded as written, with the spelling given kept, the approval kept, the flag in the record.
        var comma = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync("/api/place-names/" + PlaceName.RecordedId(
            new RecordPlaceName(rows[0].Name, null, PlaceCategory.VillageSeat, rows[0].Township, null, null, null, ""))));
        Assert.Equal("铁道部住宅区第二、二社区", comma.GetProperty("name").GetString());
        Assert.Equal("Tiedaobu Zhuzhaiqu Di'er Er Shequ", comma.GetProperty("romanization").GetString());
        Assert.Equal("recorded", comma.GetProperty("status").GetString());
        Assert.Equal([NameCharacters.EnumerationComma], comma.GetProperty("characterFlags").EnumerateArray().Select(f => f.GetString()!));
        var university = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync("/api/place-names/" + PlaceName.RecordedId(
            new RecordPlaceName(rows[1].Name, null, PlaceCategory.VillageSeat, rows[1].Township, null, "区人民政府",
                new DateOnly(2001, 5, 1), ""))));
        Assert.Equal("中国矿业大学（北京）社区", university.GetProperty("name").GetString());
        Assert.Equal("2001-05-01", university.GetProperty("approvedOn").GetString());

        // Found by its characters and by the pinyin of its standard part (the grain updates the index itself).
        var found = await api.SearchAsync(api.Anonymous, $"q={Uri.EscapeDataString("中国矿业大学北京")}");
        Assert.Contains(university.GetProperty("id").GetString()!, PlaceNameClient.Ids(found));
        found = await api.SearchAsync(api.Anonymous, "q=kuangyedaxue");
        Assert.Contains(university.GetProperty("id").GetString()!, PlaceNameClient.Ids(found));

        // A registrar's new name keeps to the standard.
        await Problems.AssertProblemAsync(await api.ProposeAsync("温泉花园D区社区", "Wenquanhuayuan D Qu Shequ", "village-seat",
            rows[0].Township, PlaceTestData.ChinesePoint(0)), HttpStatusCode.BadRequest, "place-name-han");

        // A re-run finds every row stored.
        var again = await ImportAsync(csv, "text/csv", "村级名称档案.csv");
        Assert.Equal(3, again.GetProperty("alreadyStored").GetInt64());
        Assert.Equal(3, again.GetProperty("flaggedByRule").GetProperty(NameCharacters.Flag).GetInt64());
    }

    [Fact]
    public async Task ImportGeoJson_RecordsFeaturesWithTheirGeometry()
    {
        var (point, township, _) = PlaceTestData.TownshipAround(3);
        var collection = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "Feature",
                    ["geometry"] = point,
                    ["properties"] = new JsonObject
                    {
                        ["name"] = township.Name, ["category"] = AdministrativeDivision, ["divisionCode"] = township.Code,
                        ["approvingAuthority"] = "省人民政府", ["approvedOn"] = api.Today.AddYears(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    },
                },
                new JsonObject
                {
                    ["type"] = "Feature",
                    ["geometry"] = null,
                    ["properties"] = new JsonObject { ["name"] = township.Name, ["category"] = "bridge", ["divisionCode"] = township.Code },
                }),
        };
        var job = await ImportAsync(collection.ToJsonString(), "application/geo+json", "地名普查成果.geojson");
        Assert.Equal(1, job.GetProperty("recorded").GetInt64());
        var rejection = Assert.Single(job.GetProperty("rejections").EnumerateArray().ToList());
        Assert.Equal(2, rejection.GetProperty("line").GetInt64());
        Assert.Equal("place-category", rejection.GetProperty("rule").GetString());

        var search = await api.SearchAsync(api.Registrar, $"q={Uri.EscapeDataString(township.Name)}&category={AdministrativeDivision}&division={township.Code}");
        var id = PlaceNameClient.Ids(search).Single(i => i.Length == 32);
        var record = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal("Point", record.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal((double)point["coordinates"]![0]!, record.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
    }

    [Fact]
    public async Task Import_BadBodyOrParameters_ProblemAndNoJob()
    {
        await Problems.AssertProblemAsync(await api.Registrar.PostAsync("/api/place-names/imports?source=x.csv",
            new StringContent("name,category\n", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest, "import-columns");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsync("/api/place-names/imports?source=x.geojson",
            new StringContent("{\"type\":\"Feature\"}", Encoding.UTF8, "application/geo+json")), HttpStatusCode.BadRequest, "import-geojson");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsync("/api/place-names/imports?source=x.geojson",
            new StringContent("not json", Encoding.UTF8, "application/geo+json")), HttpStatusCode.BadRequest, "import-geojson");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsync("/api/place-names/imports",
            new StringContent(Header + "\n", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest, "field-required");
        await Problems.AssertProblemAsync(await api.Registrar.GetAsync("/api/place-names/imports/nothing"),
            HttpStatusCode.NotFound, "import-not-found");
        var county = fixture.Factory.ClientAt(PlaceTestData.Township(124).County, PlaceNameClient.RegistrarRole);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsync("/api/place-names/imports?source=x.csv",
            new StringContent(Header + "\n", Encoding.UTF8, "text/csv"))).StatusCode);
    }
}
