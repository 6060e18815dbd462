using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Api.Map;
using Registry.Api.Tests.Browser;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Map;

/// <summary>
/// The map page in headless Chromium against the API as a real process: every layer drawn from answers of 200 with
/// the counts the API holds, no console error (a Content-Security-Policy violation would be one), a click shows the
/// record, and the date and level controls change what the division layer asks for. A screenshot is kept.
/// </summary>
public sealed class MapPageTests(ITestOutputHelper output)
{
    private const string Registrar = "registrar.boundaries";

    // A real US county (tests/TestData), recorded as a reference area in force from this date: the date control
    // must show it on that day and not the day before.
    private static readonly DateOnly CountyFrom = new(2020, 1, 1);

    [Fact]
    public async Task MapPage_DrawsEveryLayer_WithoutConsoleErrors_AndTheDateControlSetsAsOf()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-map-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = await ApiProcess.StartAsync(directory);
            var facts = await RecordBoundariesAsync(api);

            await using var browser = await HeadlessChromium.LaunchAsync();
            await using var page = await browser.OpenAsync(new Uri(api.Address,
                $"{MapPage.Route}?level=province&asOf={CountyFrom:yyyy-MM-dd}"));
            await page.WaitForAsync(Ready("divisions") + " && " + Ready("lines"));
            Assert.Equal("needs-token", await Attribute("markers", "state", page));

            // The user pastes a token; the GIS layers load with it.
            await page.EvaluateAsync($$"""
                document.getElementById('token').value = '{{RegistryApiFactory.Token(["gis"])}}';
                document.getElementById('token-use').click();
                """);
            await page.WaitForAsync(string.Join(" && ", new[] { "markers", "inspections", "repairs" }.Select(Ready)) +
                " && document.body.dataset.mapState === 'ready'");

            var provinces = ShippedGeometry.Seeded(ShippedGeometry.Provinces).Count();
            Assert.Equal(provinces.ToString(), await Attribute("divisions", "features", page));
            Assert.Equal(facts.Lines.ToString(), await Attribute("lines", "features", page));
            Assert.Equal(facts.Markers.ToString(), await Attribute("markers", "features", page));
            Assert.Equal(facts.Overdue.ToString(), await Attribute("inspections", "matched", page));
            Assert.Equal(facts.Overdue.ToString(), await Attribute("inspections", "features", page));
            Assert.Equal("1", await Attribute("repairs", "features", page));
            foreach (var layer in new[] { "divisions", "lines", "markers", "inspections", "repairs" })
            {
                Assert.Equal("200", await Attribute(layer, "http", page));
            }

            Assert.True(await DrawnPixelsAsync(page) > 10_000, "the map canvas shows the features");

            // A click in the middle of the map (China, fitted) shows the record under it, read from the API.
            await page.ClickAsync(HeadlessChromium.Width * 0.35, HeadlessChromium.Height * 0.5);
            await page.WaitForAsync("document.getElementById('record').dataset.state === 'ready'");
            var record = (await page.EvaluateAsync("({...document.getElementById('record').dataset})"));
            Assert.Equal("200", record.GetProperty("http").GetString());
            if (record.GetProperty("kind").GetString() == "division")
            {
                var found = await api.Client().GetFromJsonAsync<JsonElement>(
                    $"/api/spatial/divisions?lon={record.GetProperty("lon").GetString()}" +
                    $"&lat={record.GetProperty("lat").GetString()}&asOf={CountyFrom:yyyy-MM-dd}");
                Assert.Contains(found.GetProperty("divisions").EnumerateArray(),
                    d => d.GetProperty("code").GetString() == record.GetProperty("id").GetString());
            }

            var screenshot = await page.ScreenshotAsync("map-page");
            output.WriteLine($"Screenshot: {screenshot}");
            TestContext.Current.AddAttachment("map-page.png", await File.ReadAllBytesAsync(screenshot), "image/png");

            // The level control, then the date control: the division layer asks again with the new asOf.
            var dayBefore = CountyFrom.AddDays(-1);
            var counties = await CountiesAsync(api, CountyFrom);
            Assert.Equal(counties - 1, await CountiesAsync(api, dayBefore));
            await SetAsync(page, "level", "county");
            await page.WaitForAsync(Ready("divisions") + " && " + Is("divisions", "level", "county"));
            Assert.Equal(counties.ToString(), await Attribute("divisions", "features", page));

            await SetAsync(page, "as-of", $"{dayBefore:yyyy-MM-dd}");
            await page.WaitForAsync(Ready("divisions") + " && " + Is("divisions", "asOf", $"{dayBefore:yyyy-MM-dd}"));
            Assert.Equal((counties - 1).ToString(), await Attribute("divisions", "features", page));
            Assert.Contains(page.Responses, r => r.Status == 200 &&
                r.Url.Contains("/ogc/collections/divisions/items", StringComparison.Ordinal) &&
                r.Url.Contains($"datetime={dayBefore:yyyy-MM-dd}", StringComparison.Ordinal));
            Assert.EndsWith($"asOf={dayBefore:yyyy-MM-dd}", (await page.EvaluateAsync("location.search")).GetString());

            Assert.All(page.Responses, r => Assert.True(r.Status is 200, $"{r.Status} {r.Url}"));
            Assert.Empty(page.Errors);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>County-level divisions with geometry in force on a date, as the OGC API answers them.</summary>
    private static async Task<int> CountiesAsync(ApiProcess api, DateOnly date) =>
        (await api.Client().GetFromJsonAsync<JsonElement>($"/ogc/collections/divisions/items?limit=10000&datetime={date:yyyy-MM-dd}"))
        .GetProperty("features").EnumerateArray()
        .Count(f => f.GetProperty("properties").GetProperty("level").GetString() == "county");

    private static string Ready(string layer) =>
        $"document.querySelector('#layers [data-layer={layer}]').dataset.state === 'ready'";

    private static string Is(string layer, string key, string value) =>
        $"document.querySelector('#layers [data-layer={layer}]').dataset.{key} === '{value}'";

    private static async Task<string?> Attribute(string layer, string key, BrowserPage page) =>
        (await page.EvaluateAsync($"document.querySelector('#layers [data-layer={layer}]').dataset.{key} ?? null"))
        .GetString();

    private static Task SetAsync(BrowserPage page, string control, string value) =>
        page.EvaluateAsync($$"""
            (() => {
              const control = document.getElementById('{{control}}');
              control.value = '{{value}}';
              control.dispatchEvent(new Event('change', { bubbles: true }));
            })()
            """);

    /// <summary>Pixels of the map's canvas that are not transparent: what the layers drew.</summary>
    private static async Task<int> DrawnPixelsAsync(BrowserPage page) =>
        (await page.EvaluateAsync("""
            (() => {
              const canvas = document.querySelector('#map canvas');
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let drawn = 0;
              for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) drawn++; }
              return drawn;
            })()
            """)).GetInt32();

    /// <summary>
    /// The China province lines and junction markers (tests/TestData), a joint inspection that found one marker
    /// damaged (both sides signed, so its repair is open), and a US county in force from <see cref="CountyFrom"/>.
    /// Answers what the API then holds.
    /// </summary>
    private static async Task<(int Lines, int Markers, int Overdue)> RecordBoundariesAsync(ApiProcess api)
    {
        var registrar = api.Client(Registrar);
        registrar.Timeout = TimeSpan.FromMinutes(5);
        foreach (var (kind, file) in new[]
                 {
                     ("lines&agreement=cn-atlas", "cn/province-boundary-lines.geojson"),
                     ("junctions", "cn/province-junction-points.geojson"),
                 })
        {
            var body = new ByteArrayContent(await File.ReadAllBytesAsync(SharedData.PathOf(file)))
            {
                Headers = { ContentType = new("application/geo+json") },
            };
            var imported = await registrar.PostAsync($"/api/boundaries/imports?wait=true&reason=map%20test&kind={kind}", body);
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        var lines = (await registrar.GetFromJsonAsync<JsonElement>("/ogc/collections/boundary-lines/items?limit=1000"))
            .GetProperty("features").EnumerateArray().ToList();
        var line = lines.First(l => l.GetProperty("properties").GetProperty("markers").GetInt32() >= 1)
            .GetProperty("properties");
        var opened = await registrar.PostAsJsonAsync($"/api/boundaries/lines/{line.GetProperty("number").GetString()}/inspections",
            new { year = DateTime.UtcNow.Year, reason = "joint inspection (map test)" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var inspection = await registrar.GetFromJsonAsync<JsonElement>($"/api/boundaries/inspections/{id}");
        var finding = "damaged";
        foreach (var marker in inspection.GetProperty("markers").EnumerateArray().Select(m => m.GetString()))
        {
            Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsJsonAsync(
                $"/api/boundaries/inspections/{id}/findings", new { marker, finding })).StatusCode);
            finding = "intact";
        }

        foreach (var (side, signatory) in new[] { (line.GetProperty("divisionA").GetString(), "张三"),
                     (line.GetProperty("divisionB").GetString(), "李四") })
        {
            Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsJsonAsync(
                $"/api/boundaries/inspections/{id}/signatures", new { side, signatory })).StatusCode);
        }

        var county = SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .First(c => new IsValidOp(c.Geometry!).IsValid);
        var recorded = await registrar.PutAsJsonAsync($"/api/boundaries/divisions/us-fips:{county.Feature.Id}/geometry", new
        {
            geometry = JsonSerializer.SerializeToElement(county.Geometry, GeoJson.Options),
            effectiveDate = CountyFrom,
            reason = "map test",
            name = county.Feature.Text("name"),
            level = "county",
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var gis = api.Client("gis");
        var markers = (await gis.GetFromJsonAsync<JsonElement>("/ogc/collections/markers/items?limit=1"))
            .GetProperty("numberMatched").GetInt32();
        var overdue = (await gis.GetFromJsonAsync<JsonElement>("/api/boundaries/inspections/overdue")).GetProperty("total").GetInt32();
        var repairs = (await gis.GetFromJsonAsync<JsonElement>("/api/boundaries/repairs/open")).GetArrayLength();
        Assert.Equal(1, repairs);
        Assert.True(markers > 0 && overdue == lines.Count - 1, $"{markers} markers, {overdue} of {lines.Count} lines due");
        return (lines.Count, markers, overdue);
    }
}
