using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Ogc;

/// <summary>GDAL's OAPIF driver as a real client of a real API process: for every collection /ogc/collections lists
/// (divisions, boundary lines, markers with a GIS token, place names), ogrinfo's feature counts and ogr2ogr's copies
/// (whole, with -where and with -spat) against the records as the registry's REST API answers them.</summary>
public sealed class OgcGdalTests
{
    private const string Seeded = "界线联合勘定 (GDAL test)";

    [Fact]
    public async Task Gdal_ReadsEachCollection_CountsAndGeometriesAsTheRegistryAnswers()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-ogc-gdal-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = await ApiProcess.StartAsync(directory, TimeSpan.FromMinutes(5));
            var source = $"OAPIF:{api.Address}ogc";
            var client = api.Client();
            var gis = api.Client("gis");
            var token = RegistryApiFactory.Token(["gis"]);

            // Records of every collection, entered through the API from real data: the seeded divisions, province
            // lines and their junction points (tests/TestData), announced place names at GeoNames places.
            var lines = await RecordLinesAsync(api.Client("registrar.boundaries"));
            var markers = await RegisterMarkersAsync(api.Client("registrar.boundaries"), lines);
            var places = await AnnouncePlacesAsync(api.Client("registrar.places"), client);

            // Every collection GIS staff are offered (markers need their token), each read whole, with -where and
            // with -spat, against the records as the REST API answers them.
            var collections = JsonDocument.Parse(await gis.GetStringAsync("/ogc/collections")).RootElement
                .GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.Equal(["divisions", "boundary-lines", "markers", "place-names"], collections);
            var anonymous = Layers(await Gdal.OgrInfoAsync("-ro", "-al", "-so", source));
            Assert.Equal(["divisions", "boundary-lines", "place-names"], anonymous.Keys);
            var withToken = Layers(await Gdal.OgrInfoAsync(
                ["--config", "GDAL_HTTP_HEADERS", $"Authorization: Bearer {token}", "-ro", "-al", "-so", source]));
            Assert.Equal(collections, withToken.Keys);
            string[] auth = ["--config", "GDAL_HTTP_HEADERS", $"Authorization: Bearer {token}"];

            // Divisions: the OGC answer (their source records are the seeded geometry versions).
            var all = await RegistryAsync(client, "/ogc/collections/divisions/items?limit=1000");
            Assert.True(all.Count > 300, $"only {all.Count} divisions");
            Assert.Equal(all.Count, anonymous["divisions"]);
            var copied = await CopyAsync(directory, source, "divisions", "all");
            Assert.Equal(all.Keys.Order(StringComparer.Ordinal), copied.Keys.Order(StringComparer.Ordinal));
            Assert.All(all, f => AssertSameGeometry(f.Value, copied[f.Key], f.Key));
            foreach (var (code, geometry) in all.Where((_, i) => i % 50 == 0))
            {
                AssertSameGeometry(await RestGeometryAsync(client, $"/api/boundaries/divisions/{code}/geometry"),
                    geometry, code);
            }

            var provinces = await RegistryAsync(client,
                $"/ogc/collections/divisions/items?limit=1000&filter={Uri.EscapeDataString("level = 'province'")}");
            var where = await CopyAsync(directory, source, "divisions", "where", "-where", "level = 'province'");
            Assert.True(provinces.Count >= 30, $"only {provinces.Count} provinces");
            Assert.Equal(provinces.Keys.Order(StringComparer.Ordinal), where.Keys.Order(StringComparer.Ordinal));
            Assert.All(provinces, f => AssertSameGeometry(f.Value, where[f.Key], f.Key));

            var box = all.Values.Skip(all.Count / 2).First().EnvelopeInternal;
            var inBox = await RegistryAsync(client, $"/ogc/collections/divisions/items?limit=1000&bbox={Box(box)}");
            var spatial = await CopyAsync(directory, source, "divisions", "spat", ["-spat", .. Box(box).Split(',')]);
            Assert.True(inBox.Count >= 2, $"only {inBox.Count} divisions in the box");
            Assert.Equal(inBox.Keys.Order(StringComparer.Ordinal), spatial.Keys.Order(StringComparer.Ordinal));

            // Boundary lines, markers and place names: every record created above, as its REST read answers it.
            await AssertCollectionAsync(directory, source, [], "boundary-lines", anonymous, await RestAsync(client,
                lines.Select(l => (l.Number, $"/api/boundaries/lines/{l.Number}"))), "divisionA", lines[0].A);
            await AssertCollectionAsync(directory, source, auth, "markers", withToken, await RestAsync(gis,
                markers.Select(m => (m.Number, $"/api/boundaries/markers/{m.Number}"))), "line", markers[0].Line);
            await AssertCollectionAsync(directory, source, [], "place-names", anonymous, await RestAsync(client,
                places.Select(p => (p.Id, $"/api/place-names/{p.Id}"))), "divisionCode", places[0].Division);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>
    /// One collection read by GDAL: ogrinfo's count and ogr2ogr's whole copy are the records created (ids and
    /// geometries as their REST reads answer); <c>-where</c> on <paramref name="property"/> and <c>-spat</c> on the
    /// first record's box keep exactly the records the REST answers say match.
    /// </summary>
    private static async Task AssertCollectionAsync(string directory, string source, string[] auth, string layer,
        IReadOnlyDictionary<string, int> counts, Dictionary<string, (Geometry Geometry, JsonElement Properties)> rest,
        string property, string value)
    {
        Assert.True(rest.Count >= 3, $"{layer}: only {rest.Count} records were created");
        Assert.Equal(rest.Count, counts[layer]);
        var copied = await CopyAsync(directory, source, layer, "all", auth);
        Assert.Equal(rest.Keys.Order(StringComparer.Ordinal), copied.Keys.Order(StringComparer.Ordinal));
        Assert.All(rest, r => AssertSameGeometry(r.Value.Geometry, copied[r.Key], r.Key));

        var matching = rest.Where(r => r.Value.Properties.GetProperty(property).GetString() == value)
            .Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.True(matching.Count >= 1 && matching.Count < rest.Count, $"{layer}: {matching.Count} match {value}");
        var where = await CopyAsync(directory, source, layer, "where", [.. auth, "-where", $"{property} = '{value}'"]);
        Assert.Equal(matching, where.Keys.Order(StringComparer.Ordinal));

        var envelope = rest.Values.First().Geometry.EnvelopeInternal.Copy();
        envelope.ExpandBy(0.001);
        var inBox = rest.Where(r => r.Value.Geometry.EnvelopeInternal.Intersects(envelope) &&
                                    r.Value.Geometry.Intersects(r.Value.Geometry.Factory.ToGeometry(envelope)))
            .Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        var spatial = await CopyAsync(directory, source, layer, "spat", [.. auth, "-spat", .. Box(envelope).Split(',')]);
        Assert.NotEmpty(inBox);
        Assert.Equal(inBox, spatial.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>The API process runs on the real clock, in the bureau's time zone (UTC+8).</summary>
    private static DateOnly BureauToday => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static string Box(Envelope e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.MinX:R},{e.MinY:R},{e.MaxX:R},{e.MaxY:R}");

    /// <summary>Layer name and feature count of each layer ogrinfo lists.</summary>
    private static Dictionary<string, int> Layers(string info) =>
        Regex.Matches(info, @"Layer name: (\S+)[\s\S]*?Feature Count: (\d+)")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    /// <summary>Province lines of tests/TestData between two seeded provinces, recorded through the API (each the
    /// source's pieces of that pair as one line); the ones the registry refuses (the 甘肃/宁夏 line crosses itself)
    /// are left out.</summary>
    private static async Task<List<(string Number, string A, string B, MultiLineString Geometry)>> RecordLinesAsync(
        HttpClient registrar)
    {
        var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces).Select(p => p.Code).ToHashSet();
        var pairs = SharedData.Read(SharedData.PathOf("cn/province-boundary-lines.geojson"))
            .Where(f => f.Feature.Text("div_b") is { } b && seeded.Contains(b) && seeded.Contains(f.Feature.Text("div_a")!))
            .GroupBy(f => BoundaryLineNumber.Order(f.Feature.Text("div_a")!, f.Feature.Text("div_b")!))
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Take(8);
        var recorded = new List<(string, string, string, MultiLineString)>();
        foreach (var pair in pairs)
        {
            var geometry = Wgs84.Factory.CreateMultiLineString(pair.Select(f => (LineString)f.Geometry!).ToArray());
            var response = await registrar.PostAsJsonAsync("/api/boundaries/lines", new
            {
                divisionA = pair.Key.Item1,
                divisionB = pair.Key.Item2,
                geometry = JsonSerializer.SerializeToElement<Geometry>(geometry, GeoJson.Options),
                agreement = "省级行政区域界线协议书",
                reason = Seeded,
            });
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            recorded.Add((BoundaryLineNumber.For(pair.Key.Item1, pair.Key.Item2), pair.Key.Item1, pair.Key.Item2,
                geometry));
        }

        return recorded;
    }

    /// <summary>A marker at each source junction point of three or more provinces lying on a recorded line.</summary>
    private static async Task<List<(string Number, string Line)>> RegisterMarkersAsync(HttpClient registrar,
        IReadOnlyList<(string Number, string A, string B, MultiLineString Geometry)> lines)
    {
        var junctions = SharedData.Read(SharedData.PathOf("cn/province-junction-points.geojson"))
            .Select(j => (Point: (Point)j.Geometry!, Sides: j.Feature.Properties!.Value.GetProperty("adjacent")
                .EnumerateArray().Select(e => e.GetString()!).ToHashSet()))
            .ToList();
        var registered = new List<(string, string)>();
        foreach (var line in lines)
        {
            var serial = 0;
            foreach (var junction in junctions.Where(j => j.Sides.Contains(line.A) && j.Sides.Contains(line.B)))
            {
                var number = MarkerNumber.Compose(line.Number, ++serial, 'Q');
                var response = await registrar.PostAsJsonAsync("/api/boundaries/markers", new
                {
                    number,
                    type = "single",
                    location = JsonSerializer.SerializeToElement<Geometry>(junction.Point, GeoJson.Options),
                    reason = "界桩埋设 (GDAL test)",
                });
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                registered.Add((number, line.Number));
            }
        }

        return registered;
    }

    /// <summary>Township names of the shipped lists, proposed, approved and announced (the collection serves
    /// announced names) at GeoNames places of the excerpt the place-name tests use, each inside its township's
    /// prefecture.</summary>
    private static async Task<List<(string Id, string Division)>> AnnouncePlacesAsync(HttpClient registrar,
        HttpClient anonymous)
    {
        var announced = new List<(string, string)>();
        for (var n = 0; n < 4; n++)
        {
            // A township and a real point inside the outline of its prefecture (the location rule); the n-th
            // township of its prefecture, so that two points in one prefecture give two townships.
            var (point, township, _) = Places.PlaceTestData.TownshipAround(20 + n, n);
            var spelling = JsonDocument.Parse(await anonymous.GetStringAsync(
                    $"/api/place-names/spelling?name={Uri.EscapeDataString(township.Name)}&category=administrative-division"))
                .RootElement.GetProperty("romanization").GetString();
            var proposed = await registrar.PostAsJsonAsync("/api/place-names", new
            {
                name = township.Name,
                romanization = spelling,
                category = "administrative-division",
                divisionCode = township.Code,
                geometry = point,
                meaning = "乡镇名称 (GDAL test)",
            });
            var body = await proposed.Content.ReadAsStringAsync();
            Assert.True(proposed.StatusCode == HttpStatusCode.Created, body);
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            var approved = await registrar.PostAsJsonAsync($"/api/place-names/{id}/approval",
                new { authority = "县人民政府", date = BureauToday.ToString("yyyy-MM-dd") });
            Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
            var announcement = await registrar.PostAsync($"/api/place-names/{id}/announcement", null);
            Assert.True(announcement.IsSuccessStatusCode, await announcement.Content.ReadAsStringAsync());
            announced.Add((id, township.Code));
        }

        return announced;
    }

    /// <summary>Each record's geometry and properties as its REST read answers (GeoJSON Feature or a record with a
    /// geometry member).</summary>
    private static async Task<Dictionary<string, (Geometry Geometry, JsonElement Properties)>> RestAsync(
        HttpClient client, IEnumerable<(string Key, string Url)> records)
    {
        var read = new Dictionary<string, (Geometry, JsonElement)>(StringComparer.Ordinal);
        foreach (var (key, url) in records)
        {
            var record = JsonDocument.Parse(await client.GetStringAsync(url)).RootElement.Clone();
            read.Add(key, (GeoJson.ReadGeometry(record.GetProperty("geometry")),
                record.TryGetProperty("properties", out var properties) ? properties : record));
        }

        return read;
    }

    private static async Task<Geometry> RestGeometryAsync(HttpClient client, string url) =>
        GeoJson.ReadGeometry(JsonDocument.Parse(await client.GetStringAsync(url)).RootElement.GetProperty("geometry"));

    /// <summary>The registry's own answer: each feature's code (id) and geometry, following next links.</summary>
    private static async Task<Dictionary<string, Geometry>> RegistryAsync(HttpClient client, string url)
    {
        var features = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        string? next = url;
        while (next is not null)
        {
            var page = JsonDocument.Parse(await client.GetStringAsync(next)).RootElement;
            foreach (var feature in page.GetProperty("features").EnumerateArray())
            {
                features.Add(feature.GetProperty("id").GetString()!, GeoJson.ReadGeometry(feature.GetProperty("geometry")));
            }

            next = page.GetProperty("links").EnumerateArray()
                .Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }

        return features;
    }

    /// <summary>ogr2ogr's copy of one layer as GeoJSON, by each feature's key: the record's code or number, or
    /// (place names, whose id is not a property) the id GDAL keeps as a field.</summary>
    private static async Task<Dictionary<string, Geometry>> CopyAsync(string directory, string source, string layer,
        string name, params string[] options)
    {
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, $"{layer}-{name}.geojson");
        var config = options.Length > 0 && options[0] == "--config" ? 3 : 0;
        await Gdal.Ogr2OgrAsync([.. options[..config], "-f", "GeoJSON", output, source, layer, .. options[config..]]);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        return document.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => Key(f.GetProperty("properties")) ?? f.GetProperty("id").ToString(),
            f => GeoJson.ReadGeometry(f.GetProperty("geometry")), StringComparer.Ordinal);
    }

    private static string? Key(JsonElement properties) =>
        new[] { "code", "number", "id" }.Select(p => properties.TryGetProperty(p, out var v) ? v.GetString() : null)
            .FirstOrDefault(v => v is not null);

    /// <summary>The same geometry with the same vertices (GDAL writes 15 significant digits), a single polygon or
    /// line and a multi-geometry of one being the same.</summary>
    private static void AssertSameGeometry(Geometry expected, Geometry actual, string code)
    {
        Assert.True(expected.NumGeometries == actual.NumGeometries, $"{code}: {expected.NumGeometries} parts, " +
                                                                    $"GDAL {actual.NumGeometries}");
        for (var i = 0; i < expected.NumGeometries; i++)
        {
            Assert.True(expected.GetGeometryN(i).EqualsExact(actual.GetGeometryN(i), 1e-9), $"{code}: part {i} differs");
        }
    }
}
