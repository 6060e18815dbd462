using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Boundaries;

/// <summary>
/// Bulk imports of the real datasets (China provinces, their lines and junction points; one US state's counties,
/// lines and junctions), the reports of rejected features, idempotent re-runs, and a joint inspection of an imported
/// line through HTTP.
/// </summary>
[Collection(ImportCollection.Name)]
public sealed class ImportTests(ImportFixture fixture)
{
    private const string Registrar = "registrar.boundaries";

    private RegistryApiFactory Api => fixture.Factory;

    private static readonly Lazy<HashSet<string>> Registered = new(() =>
        ShippedGeometry.Provinces.Where(p => p.Registered).Select(p => p.Code).ToHashSet());

    private async Task<JsonElement> ImportAsync(string query, HttpContent body)
    {
        var response = await Api.ClientWithRoles(Registrar).PostAsync($"/api/boundaries/imports?wait=true&{query}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var report = JsonDocument.Parse(text).RootElement;
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal(report.GetProperty("total").GetInt32(), report.GetProperty("processed").GetInt32());
        return report;
    }

    private static HttpContent File(string relative) =>
        new ByteArrayContent(System.IO.File.ReadAllBytes(SharedData.PathOf(relative)))
        {
            Headers = { ContentType = new("application/geo+json") },
        };

    private static HttpContent Collection(IEnumerable<JsonNode> features) =>
        new StringContent(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features.ToArray()) }
            .ToJsonString(), Encoding.UTF8, "application/geo+json");

    private static int Count(JsonElement report, string rule) =>
        report.GetProperty("rejections").EnumerateArray().Count(r => r.GetProperty("rule").GetString() == rule);

    private static (int Created, int Changed, int Unchanged) Counts(JsonElement report) =>
        (report.GetProperty("created").GetInt32(), report.GetProperty("changed").GetInt32(),
            report.GetProperty("unchanged").GetInt32());

    [Fact]
    public async Task ProvinceGeometry_ReportsTheInvalidPolygonsAndUnknownCodes_AndARerunChangesNothing()
    {
        var provinces = ShippedGeometry.Provinces;
        var query = "kind=divisions&layer=province&codeProperty=区划码&reason=cn-atlas%202023";

        var report = await ImportAsync(query, File("cn/provinces.geojson"));
        var again = await ImportAsync(query, File("cn/provinces.geojson"));

        var invalid = provinces.Count(p => p.Registered && !new IsValidOp(p.Geometry).IsValid);
        var unknown = provinces.Count(p => !p.Registered);
        Assert.Equal(5, invalid); // the README of the data names five invalid province polygons
        Assert.Equal(invalid, Count(report, "geometry-invalid"));
        Assert.Equal(unknown, Count(report, "division-not-found"));
        // Every valid registered province was seeded at start: importing it again stores nothing.
        Assert.Equal((0, 0, provinces.Count - invalid - unknown), Counts(report));
        Assert.Equal(Counts(report), Counts(again));
        Assert.Equal(report.GetProperty("rejections").GetRawText(), again.GetProperty("rejections").GetRawText());
    }

    [Fact]
    public async Task ProvinceLinesAndJunctions_ImportAsLinesAndTripleMarkers_AndARerunChangesNothing()
    {
        var (lines, junctions) = await ImportChinaLinesAsync();

        var arcs = SharedData.Read(SharedData.PathOf("cn/province-boundary-lines.geojson"));
        var outer = arcs.Count(a => a.Feature.Text("div_b") is null);
        var pairs = arcs.Where(a => a.Feature.Text("div_b") is not null)
            .Select(a => BoundaryLineNumber.Order(a.Feature.Text("div_a")!, a.Feature.Text("div_b")!))
            .Distinct().ToList();
        // The source's 甘肃/宁夏 arcs cross themselves where both outlines are invalid: that line is not simple.
        var simple = arcs.Where(a => a.Feature.Text("div_b") is not null)
            .GroupBy(a => BoundaryLineNumber.Order(a.Feature.Text("div_a")!, a.Feature.Text("div_b")!))
            .ToDictionary(g => g.Key, g => Registry.Abstractions.Spatial.Wgs84.Factory.CreateMultiLineString(
                g.Select(a => (NetTopologySuite.Geometries.LineString)a.Geometry!).ToArray()).IsSimple);
        var registeredPairs = pairs.Where(p => Registered.Value.Contains(p.First) && Registered.Value.Contains(p.Second))
            .ToList();
        var recordable = registeredPairs.Count(p => simple[p]);
        Assert.Equal(outer, Count(lines.First, "boundary-line-outer-edge"));
        Assert.Equal(registeredPairs.Count(p => !simple[p]) > 0, Count(lines.First, "boundary-line-not-simple") > 0);
        var refused = lines.First.GetProperty("rejections").EnumerateArray()
            .Where(r => r.GetProperty("rule").GetString() != "boundary-line-outer-edge").Select(r => r.GetRawText());
        Assert.True(recordable == lines.First.GetProperty("created").GetInt32() +
            lines.First.GetProperty("unchanged").GetInt32(), string.Join("\n", refused));
        Assert.Equal((0, 0, recordable), Counts(lines.Again));

        var points = SharedData.Read(SharedData.PathOf("cn/province-junction-points.geojson"));
        var onRecordedLines = points.Count(p =>
        {
            var sides = p.Feature.Properties!.Value.GetProperty("adjacent").EnumerateArray().Select(s => s.GetString()!)
                .Order(StringComparer.Ordinal).ToList();
            return Registered.Value.Contains(sides[0]) && Registered.Value.Contains(sides[1]) &&
                pairs.Contains((sides[0], sides[1]));
        });
        var (created, changed, unchanged) = Counts(junctions.First);
        Assert.Equal(3 * onRecordedLines, created + changed + unchanged);
        Assert.Equal(points.Count - onRecordedLines, junctions.First.GetProperty("rejections").GetArrayLength());
        Assert.Equal((0, 0, 3 * onRecordedLines), Counts(junctions.Again));
    }

    [Fact]
    public async Task UsState_CountiesLinesAndJunctions_ImportAsReferenceAreasAndReportInvalidCounties()
    {
        var counties = SharedData.Read(SharedData.PathOf("us/counties.geojson"));
        var triples = SharedData.Read(SharedData.PathOf("us/county-junction-points.geojson"))
            .Select(j => j.Feature.Properties!.Value.GetProperty("adjacent").EnumerateArray()
                .Select(a => a.GetString()![..2]).ToList())
            .Where(states => states.Count == 3 && states.Distinct().Count() == 1)
            .Select(states => states[0]).ToHashSet();
        // The state with the fewest counties among those with an invalid county polygon and a junction of three of
        // their own counties.
        var state = counties.Where(c => !new IsValidOp(c.Geometry!).IsValid)
            .Select(c => c.Feature.Id![..2]).Distinct().Where(triples.Contains)
            .MinBy(s => counties.Count(c => c.Feature.Id!.StartsWith(s, StringComparison.Ordinal)))!;
        bool InState(string? fips) => fips?.StartsWith(state, StringComparison.Ordinal) == true;
        var stateCounties = counties.Where(c => InState(c.Feature.Id)).ToList();
        var invalid = stateCounties.Count(c => !new IsValidOp(c.Geometry!).IsValid);

        var areas = await ImportAsync("kind=divisions&scheme=us-fips&layer=county&reason=us-atlas",
            Collection(Nodes("us/counties.geojson").Where(f => InState(f["id"]?.GetValue<string>()))));
        var lineFeatures = Nodes("us/county-boundary-lines.geojson")
            .Where(f => InState(f["properties"]!["div_a"]?.GetValue<string>()) &&
                InState(f["properties"]!["div_b"]?.GetValue<string>())).ToList();
        var lines = await ImportAsync("kind=lines&scheme=us-fips&agreement=us-atlas%20topology&reason=us-atlas",
            Collection(lineFeatures));
        var junctions = await ImportAsync("kind=junctions&scheme=us-fips&reason=us-atlas",
            Collection(Nodes("us/county-junction-points.geojson").Where(f =>
                f["properties"]!["adjacent"]!.AsArray().All(a => InState(a!.GetValue<string>())))));

        Assert.True(invalid > 0);
        Assert.Equal(invalid, Count(areas, "geometry-invalid"));
        Assert.Equal(stateCounties.Count - invalid, areas.GetProperty("created").GetInt32() +
            areas.GetProperty("unchanged").GetInt32());
        Assert.True(lines.GetProperty("created").GetInt32() + lines.GetProperty("unchanged").GetInt32() > 0);
        Assert.True(junctions.GetProperty("created").GetInt32() + junctions.GetProperty("unchanged").GetInt32() > 0);
        var county = stateCounties.First(c => new IsValidOp(c.Geometry!).IsValid);
        var point = ShippedGeometry.InteriorPoint(county.Geometry!);
        var found = JsonDocument.Parse(await Api.ClientWithRoles().GetStringAsync(
            FormattableString.Invariant($"/api/spatial/divisions?lon={point.X}&lat={point.Y}"))).RootElement;
        Assert.Contains(found.GetProperty("divisions").EnumerateArray(),
            d => d.GetProperty("code").GetString() == "us-fips:" + county.Feature.Id);
    }

    [Fact]
    public async Task Import_WithoutWaiting_Is202WithTheJobToFollow()
    {
        var response = await Api.ClientWithRoles(Registrar).PostAsync(
            "/api/boundaries/imports?kind=divisions&layer=province&codeProperty=区划码&reason=test",
            File("cn/provinces.geojson"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"/api/boundaries/imports/{job.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        var progress = JsonDocument.Parse(await Api.ClientWithRoles("gis").GetStringAsync(response.Headers.Location))
            .RootElement;
        Assert.Equal(ShippedGeometry.Provinces.Count, progress.GetProperty("total").GetInt32());
        Assert.InRange(progress.GetProperty("processed").GetInt32(), 0, progress.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_NotAFeatureCollection_Is400AndStartsNoJob()
    {
        var response = await Api.ClientWithRoles(Registrar).PostAsync("/api/boundaries/imports?kind=lines&agreement=x&reason=t",
            new StringContent("""{"type": "Feature"}""", Encoding.UTF8, "application/json"));

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "geojson-malformed");
    }

    [Fact]
    public async Task Inspection_OfAnImportedLine_CompletesWhenBothSidesSign()
    {
        await ImportChinaLinesAsync();
        var registrar = Api.ClientWithRoles(Registrar);
        var overdueBefore = await OverdueAsync();
        // The first overdue line with three markers whose inspection this test opens: a line another test of the
        // collection already inspects this year answers 409 inspection-already-open and is passed over.
        string? line = null;
        HttpResponseMessage? opened = null;
        foreach (var number in overdueBefore.Where(number =>
                     JsonDocument.Parse(registrar.GetStringAsync($"/api/boundaries/lines/{number}").Result).RootElement
                         .GetProperty("properties").GetProperty("markers").GetInt32() >= 3))
        {
            opened = await registrar.PostAsJsonAsync($"/api/boundaries/lines/{number}/inspections",
                new { year = Api.Today.Year, reason = "five-yearly joint inspection" });
            if (opened.StatusCode == HttpStatusCode.Conflict)
            {
                await Problems.AssertProblemAsync(opened, HttpStatusCode.Conflict, "inspection-already-open");
                continue;
            }

            line = number;
            break;
        }

        Assert.NotNull(line);
        Assert.Equal(HttpStatusCode.Created, opened!.StatusCode);
        var details = JsonDocument.Parse(await registrar.GetStringAsync($"/api/boundaries/lines/{line}")).RootElement
            .GetProperty("properties");
        var (sideA, sideB) = (details.GetProperty("divisionA").GetString()!, details.GetProperty("divisionB").GetString()!);
        var id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var inspection = JsonDocument.Parse(await registrar.GetStringAsync($"/api/boundaries/inspections/{id}")).RootElement;
        foreach (var marker in inspection.GetProperty("markers").EnumerateArray().Select(m => m.GetString()))
        {
            var finding = await registrar.PostAsJsonAsync($"/api/boundaries/inspections/{id}/findings",
                new { marker, finding = "intact" });
            Assert.Equal(HttpStatusCode.Created, finding.StatusCode);
        }

        var outsider = ShippedGeometry.Provinces.First(p => p.Registered && p.Code != sideA && p.Code != sideB).Code;
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync($"/api/boundaries/inspections/{id}/signatures",
            new { side = outsider, signatory = "王五" }), HttpStatusCode.UnprocessableEntity, "inspection-side-not-party");
        var first = await registrar.PostAsJsonAsync($"/api/boundaries/inspections/{id}/signatures",
            new { side = sideA, signatory = "张三" });
        Assert.Equal("open", JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement
            .GetProperty("status").GetString());
        var second = await registrar.PostAsJsonAsync($"/api/boundaries/inspections/{id}/signatures",
            new { side = sideB, signatory = "李四" });
        Assert.Equal("completed", JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement
            .GetProperty("status").GetString());

        var lineAfter = JsonDocument.Parse(await registrar.GetStringAsync($"/api/boundaries/lines/{line}")).RootElement;
        Assert.Equal(Api.Today.ToString("yyyy-MM-dd"),
            lineAfter.GetProperty("properties").GetProperty("lastCompletedInspection").GetString());
        var overdueAfter = await OverdueAsync();
        Assert.DoesNotContain(line, overdueAfter);
        Assert.Equal(overdueBefore.Count - 1, overdueAfter.Count);
    }

    [Fact]
    public async Task Ogc_MarkersCollection_IsServedToGisStaffOnly()
    {
        var (_, junctions) = await ImportChinaLinesAsync();
        var markers = junctions.Again.GetProperty("unchanged").GetInt32();

        // Other tests of this collection import US markers too: count within China's extent.
        var china = new NetTopologySuite.Geometries.Envelope();
        foreach (var province in ShippedGeometry.Provinces)
        {
            china.ExpandToInclude(province.Geometry.EnvelopeInternal);
        }

        var asGis = JsonDocument.Parse(await Api.ClientWithRoles("gis").GetStringAsync(FormattableString.Invariant(
            $"/ogc/collections/markers/items?limit=1&bbox={china.MinX},{china.MinY},{china.MaxX},{china.MaxY}"))).RootElement;
        var anonymous = await Api.ClientWithRoles().GetAsync("/ogc/collections/markers/items");

        Assert.Equal(markers, asGis.GetProperty("numberMatched").GetInt32());
        await Problems.AssertProblemAsync(anonymous, HttpStatusCode.NotFound, "collection-not-found");
    }

    private async Task<List<string>> OverdueAsync() =>
        JsonDocument.Parse(await Api.ClientWithRoles("gis").GetStringAsync("/api/boundaries/inspections/overdue?limit=1000"))
            .RootElement.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("line").GetString()!).ToList();

    private async Task<((JsonElement First, JsonElement Again) Lines, (JsonElement First, JsonElement Again) Junctions)>
        ImportChinaLinesAsync()
    {
        const string lines = "kind=lines&agreement=省级行政区域界线协议书&reason=cn-atlas%202023";
        const string junctions = "kind=junctions&reason=cn-atlas%202023";
        var firstLines = await ImportAsync(lines, File("cn/province-boundary-lines.geojson"));
        var againLines = await ImportAsync(lines, File("cn/province-boundary-lines.geojson"));
        var firstJunctions = await ImportAsync(junctions, File("cn/province-junction-points.geojson"));
        var againJunctions = await ImportAsync(junctions, File("cn/province-junction-points.geojson"));
        return ((firstLines, againLines), (firstJunctions, againJunctions));
    }

    private static IEnumerable<JsonNode> Nodes(string relative) =>
        JsonNode.Parse(System.IO.File.ReadAllBytes(SharedData.PathOf(relative)))!["features"]!.AsArray()
            .Select(f => f!.DeepClone());
}
