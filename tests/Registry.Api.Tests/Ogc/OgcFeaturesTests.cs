using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Ogc;

/// <summary>OGC API - Features Parts 1-3 over HTTP: the API definition, HEAD, limit and bbox, HTML, datetime
/// intervals over geometry versions, a geometry ending with its division, CRS and CQL2 filters.</summary>
[Collection(ApiCollection.Name)]
public sealed class OgcFeaturesTests(ApiFixture fixture)
{
    private const string Items = "/ogc/collections/divisions/items";

    private RegistryApiFactory Api => fixture.Factory;

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await Api.ClientWithRoles().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Every feature of a query, following next links.</summary>
    private async Task<List<JsonElement>> AllAsync(string url)
    {
        var features = new List<JsonElement>();
        string? next = url;
        while (next is not null)
        {
            var page = await GetAsync(next);
            features.AddRange(page.GetProperty("features").EnumerateArray());
            next = page.GetProperty("links").EnumerateArray()
                .Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }

        return features;
    }

    private static List<string> Ids(IEnumerable<JsonElement> features) =>
        features.Select(f => f.GetProperty("id").GetString()!).ToList();

    private static string Q(string text) => Uri.EscapeDataString(text);

    private static string Box(Envelope e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.MinX:R},{e.MinY:R},{e.MaxX:R},{e.MaxY:R}");

    private static string Wkt(Point p) => string.Create(CultureInfo.InvariantCulture, $"POINT({p.X:R} {p.Y:R})");

    /// <summary>The positions of a GeoJSON coordinates array, as written.</summary>
    private static List<(double First, double Second)> Positions(JsonElement coordinates) =>
        coordinates[0].ValueKind == JsonValueKind.Number
            ? [(coordinates[0].GetDouble(), coordinates[1].GetDouble())]
            : coordinates.EnumerateArray().SelectMany(Positions).ToList();

    [Fact]
    public async Task OpenApi_DescribesEveryOgcOperation_WithItsParametersAndContentTypes()
    {
        var document = JsonDocument.Parse(await Api.ClientWithRoles().GetStringAsync("/swagger/v1/swagger.json"))
            .RootElement;
        var paths = document.GetProperty("paths");
        var items = paths.GetProperty("/ogc/collections/{collectionId}/items");

        foreach (var method in new[] { "get", "head" })
        {
            var operation = items.GetProperty(method);
            var parameters = operation.GetProperty("parameters").EnumerateArray()
                .Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Superset(new HashSet<string?> { "collectionId", "limit", "bbox", "bbox-crs", "datetime", "crs",
                "filter", "filter-lang", "filter-crs", "f" }, parameters.ToHashSet());
            var ok = operation.GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.True(ok.TryGetProperty("application/geo+json", out _));
            Assert.True(ok.TryGetProperty("text/html", out _));
            Assert.True(operation.GetProperty("responses").GetProperty("400").GetProperty("content")
                .TryGetProperty("application/problem+json", out _));
        }

        var limit = items.GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "limit");
        Assert.Equal("integer", limit.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("query", limit.GetProperty("in").GetString());
        foreach (var path in new[] { "/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/{collectionId}",
                     "/ogc/collections/{collectionId}/queryables", "/ogc/collections/{collectionId}/items/{featureId}" })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty("get", out _), path);
            Assert.True(paths.GetProperty(path).TryGetProperty("head", out _), path);
        }
    }

    [Theory]
    [InlineData("/ogc")]
    [InlineData("/ogc/conformance")]
    [InlineData("/ogc/collections")]
    [InlineData("/ogc/collections/divisions")]
    [InlineData("/ogc/collections/divisions/queryables")]
    [InlineData("/ogc/collections/divisions/items?limit=3")]
    [InlineData("/ogc/collections/divisions/items?f=html")]
    public async Task Head_AnswersAsGetWithoutABody(string url)
    {
        var client = Api.ClientWithRoles();
        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("10001")]
    [InlineData("99999999999999")]
    public async Task Limit_AboveTheMaximum_IsReducedToIt(string limit)
    {
        var all = await GetAsync($"{Items}?limit={limit}");

        Assert.Equal(all.GetProperty("numberMatched").GetInt32(), all.GetProperty("numberReturned").GetInt32());
        var page = await GetAsync($"{Items}?limit=2&f=json");
        var next = page.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next");
        Assert.Contains("limit=2", next.GetProperty("href").GetString());
    }

    [Fact]
    public async Task Bbox_SixNumbers_AnswerAsTheFourWithoutHeights()
    {
        var province = ShippedGeometry.Seeded(ShippedGeometry.Provinces).Skip(5).First();
        var e = province.Geometry.EnvelopeInternal;
        var six = string.Create(CultureInfo.InvariantCulture, $"{e.MinX:R},{e.MinY:R},-100,{e.MaxX:R},{e.MaxY:R},9000");

        var four = Ids(await AllAsync($"{Items}?bbox={Box(e)}&limit=500"));

        Assert.Contains(province.Code, four);
        Assert.Equal(four, Ids(await AllAsync($"{Items}?bbox={six}&limit=500")));
    }

    [Fact]
    public async Task Html_EveryResource_IsAReadablePageWithLinks()
    {
        var province = ShippedGeometry.Seeded(ShippedGeometry.Provinces).First();
        var client = Api.ClientWithRoles();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        foreach (var url in new[] { "/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/divisions",
                     $"{Items}?limit=50", $"{Items}/{province.Code}" })
        {
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {html}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("<a href=\"http", html);
        }

        var item = await client.GetStringAsync($"{Items}/{province.Code}");
        Assert.Contains(province.Name, item);
        Assert.Contains("<svg", item);
        Assert.Contains("<path", item);
        var list = await client.GetStringAsync($"{Items}?f=html&limit=100");
        Assert.Contains($">{province.Code}</a>", list);
        // f=json beats the Accept header.
        var json = await client.GetAsync($"{Items}?f=json&limit=1");
        Assert.Equal("application/geo+json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Html_EchoedQueryText_IsEscaped()
    {
        var response = await Api.ClientWithRoles().GetAsync($"{Items}?f=html&filter={Q("name = '<script>alert(1)</script>'")}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task Datetime_Interval_AnswersEveryVersionWithItsOwnGeometryAndValidity_AndBboxTestsThatVersion()
    {
        var counties = SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .Where(c => new IsValidOp(c.Geometry!).IsValid).ToList();
        var first = counties[400];
        var second = counties.First(c => !c.Geometry!.EnvelopeInternal.Intersects(first.Geometry!.EnvelopeInternal));
        var key = "us-fips:" + first.Feature.Id;
        foreach (var (county, from) in new[] { (first, "2024-01-01"), (second, "2025-01-01") })
        {
            var put = await Api.ClientWithRoles("registrar.boundaries").PutAsJsonAsync(
                $"/api/boundaries/divisions/{key}/geometry", new
                {
                    geometry = JsonSerializer.SerializeToElement(county.Geometry, GeoJson.Options),
                    effectiveDate = from,
                    reason = "versions test",
                    name = first.Feature.Text("name"),
                    level = "county",
                });
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var filter = Q($"code = '{key}'");
        var both = await AllAsync($"{Items}?datetime=2023-06-01/2026-01-01&filter={filter}");

        Assert.Equal([key + "@v1", key + "@v2"], Ids(both));
        Assert.True(GeoJson.ReadGeometry(both[0].GetProperty("geometry")).EqualsTopologically(first.Geometry));
        Assert.True(GeoJson.ReadGeometry(both[1].GetProperty("geometry")).EqualsTopologically(second.Geometry));
        Assert.Equal("2024-01-01", both[0].GetProperty("properties").GetProperty("validFrom").GetString());
        Assert.Equal("2025-01-01", both[0].GetProperty("properties").GetProperty("validUntil").GetString());
        Assert.Equal(JsonValueKind.Null, both[1].GetProperty("properties").GetProperty("validUntil").ValueKind);

        var inFirstBox = Ids(await AllAsync(
            $"{Items}?datetime=2023-06-01/2026-01-01&bbox={Box(first.Geometry!.EnvelopeInternal)}&limit=1000"));
        Assert.Contains(key + "@v1", inFirstBox);
        Assert.DoesNotContain(key + "@v2", inFirstBox);

        var instant = await AllAsync($"{Items}?datetime=2024-06-01&filter={filter}");
        Assert.Equal([key], Ids(instant));
        Assert.True(GeoJson.ReadGeometry(instant[0].GetProperty("geometry")).EqualsTopologically(first.Geometry));

        var version = await GetAsync($"{Items}/{key}@v1");
        Assert.Equal("2025-01-01", version.GetProperty("properties").GetProperty("validUntil").GetString());

        // The validity dates are queryable with the temporal operators.
        Assert.Equal([key + "@v2"], Ids(await AllAsync(
            $"{Items}?datetime=2023-06-01/2026-01-01&filter={Q($"code = '{key}' AND T_AFTER(validFrom, DATE('2024-06-30'))")}")));
        Assert.Equal([key + "@v1"], Ids(await AllAsync(
            $"{Items}?datetime=../2026-01-01&filter={Q($"code = '{key}' AND T_DURING(DATE('2024-06-30'), INTERVAL(validFrom, validUntil))")}")));
    }

    [Fact]
    public async Task Division_Merged_ItsGeometryIsNotShownFromTheMergeOn()
    {
        var prefectures = ShippedGeometry.Seeded(ShippedGeometry.Prefectures).ToList();
        var cities = prefectures.Where(p => p.Code.EndsWith("00", StringComparison.Ordinal)).ToList();
        var (source, target) = cities.AsEnumerable().Reverse()
            .Select(p => (p, cities.FirstOrDefault(o => o.Code != p.Code && o.Code[..2] == p.Code[..2])))
            .First(pair => pair.Item2 is not null);
        // Far ahead, so the tests that share this registry and ask about the coming days see the division unchanged.
        var effective = Api.Today.AddYears(2);

        var merge = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{source.Code}/merges",
            new { into = target!.Code, effectiveDate = effective.ToString("yyyy-MM-dd"), reason = "合并 (OGC test)" });
        Assert.True(merge.StatusCode == HttpStatusCode.Created, await merge.Content.ReadAsStringAsync());

        var filter = Q($"code = '{source.Code}'");
        Assert.Equal([source.Code], Ids(await AllAsync($"{Items}?datetime={effective.AddDays(-1):yyyy-MM-dd}&filter={filter}")));
        Assert.Empty(await AllAsync($"{Items}?datetime={effective:yyyy-MM-dd}&filter={filter}"));
        Assert.Empty(await AllAsync($"{Items}?datetime={effective.AddDays(30):yyyy-MM-dd}/..&filter={filter}"));
        var during = await AllAsync($"{Items}?datetime={Api.Today:yyyy-MM-dd}/{effective.AddDays(30):yyyy-MM-dd}&filter={filter}");
        Assert.Single(during);
        Assert.Equal(effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            during[0].GetProperty("properties").GetProperty("validUntil").GetString());
        Assert.Contains(target.Code, Ids(await AllAsync(
            $"{Items}?datetime={effective:yyyy-MM-dd}&filter={Q($"code IN ('{source.Code}', '{target.Code}')")}")));
    }

    [Fact]
    public async Task Crs_Epsg4326And4490_AnswerLatitudeFirst_AndBboxCrsReadsLatitudeFirst()
    {
        var province = ShippedGeometry.Seeded(ShippedGeometry.Provinces).Skip(2).First();
        var client = Api.ClientWithRoles();
        var plain = await client.GetAsync($"{Items}/{province.Code}");
        Assert.Equal("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>", plain.Headers.GetValues("Content-Crs").Single());
        var lonLat = Positions(JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement
            .GetProperty("geometry").GetProperty("coordinates"));
        Assert.NotEmpty(lonLat);

        foreach (var epsg in new[] { "4326", "4490" })
        {
            var uri = $"http://www.opengis.net/def/crs/EPSG/0/{epsg}";
            var response = await client.GetAsync($"{Items}/{province.Code}?crs={Q(uri)}");
            Assert.Equal($"<{uri}>", response.Headers.GetValues("Content-Crs").Single());
            var latLon = Positions(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
                .GetProperty("geometry").GetProperty("coordinates"));
            // The same positions with the axes swapped (the GeoJSON writer may start or turn a ring the other way).
            Assert.Equal(lonLat.Select(c => (c.Second, c.First)).Order(), latLon.Order());
        }

        var e = province.Geometry.EnvelopeInternal;
        var latFirst = string.Create(CultureInfo.InvariantCulture, $"{e.MinY:R},{e.MinX:R},{e.MaxY:R},{e.MaxX:R}");
        Assert.Equal(Ids(await AllAsync($"{Items}?bbox={Box(e)}&limit=1000")), Ids(await AllAsync(
            $"{Items}?bbox={latFirst}&bbox-crs={Q("http://www.opengis.net/def/crs/EPSG/0/4326")}&limit=1000")));

        var collection = await GetAsync("/ogc/collections/divisions");
        Assert.Equal(["http://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/4326",
            "http://www.opengis.net/def/crs/EPSG/0/4490"],
            collection.GetProperty("crs").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("http://www.opengis.net/def/crs/OGC/1.3/CRS84", collection.GetProperty("storageCrs").GetString());
    }

    [Theory]
    [InlineData("crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F3857", "crs-unsupported")]
    [InlineData("bbox-crs=EPSG%3A4326&bbox=1,2,3,4", "crs-unsupported")]
    [InlineData("filter=level%20%3D", "cql2-invalid")]
    [InlineData("filter=colour%20%3D%20'red'", "cql2-invalid")]
    [InlineData("filter=%7B%22op%22%3A%22%3D%22%7D&filter-lang=cql2-json", "cql2-invalid")]
    [InlineData("filter=level%3D'x'&filter-lang=ecql", "filter-lang-unsupported")]
    [InlineData("f=xml", "format-unsupported")]
    [InlineData("limit=-1", "limit-range")]
    public async Task Items_BadParameter_Is400NamingTheRule(string query, string rule)
    {
        await Problems.AssertProblemAsync(await Api.ClientWithRoles().GetAsync($"{Items}?{query}"),
            HttpStatusCode.BadRequest, rule);
    }

    [Fact]
    public async Task Filter_Invalid_NamesThePosition()
    {
        var problem = await Problems.AssertProblemAsync(await Api.ClientWithRoles().GetAsync(
            $"{Items}?filter={Q("level = 'a' AND")}"), HttpStatusCode.BadRequest, "cql2-invalid");

        Assert.Contains("character 16", problem.GetProperty("errors").GetProperty("filter")[0].GetString());
    }

    [Fact]
    public async Task Queryables_AreAJsonSchemaOfTheProperties()
    {
        var response = await Api.ClientWithRoles().GetAsync("/ogc/collections/divisions/queryables");
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var properties = schema.GetProperty("properties");

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", properties.GetProperty("level").GetProperty("type").GetString());
        Assert.Equal("date", properties.GetProperty("validFrom").GetProperty("format").GetString());
        Assert.Equal("number", properties.GetProperty("areaSquareMetres").GetProperty("type").GetString());
        Assert.True(properties.TryGetProperty("geometry", out _));
        // Every property the features carry is queryable.
        var feature = (await GetAsync($"{Items}?limit=1")).GetProperty("features")[0];
        Assert.All(feature.GetProperty("properties").EnumerateObject(),
            p => Assert.True(properties.TryGetProperty(p.Name, out _), p.Name));
    }

    [Fact]
    public async Task Filter_TextAndJson_AnswerAsTheRegistryGeometry()
    {
        var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces.Concat(ShippedGeometry.Prefectures)).ToList();
        var provinces = ShippedGeometry.Seeded(ShippedGeometry.Provinces).Select(p => p.Code).Order(StringComparer.Ordinal);
        Assert.Equal(provinces, Ids(await AllAsync($"{Items}?filter={Q("level = 'province'")}&limit=7")));
        Assert.Equal(provinces, Ids(await AllAsync(
            $"{Items}?filter-lang=cql2-json&filter={Q("""{"op":"=","args":[{"property":"level"},"province"]}""")}&limit=7")));

        var point = ShippedGeometry.InteriorPoint(seeded.First(f => f.Code.Length == 6 && !f.Code.EndsWith("0000",
            StringComparison.Ordinal)).Geometry);
        var expected = seeded.Where(f => f.Geometry.Intersects(point)).Select(f => f.Code).Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(2, expected.Count);
        var text = Ids(await AllAsync($"{Items}?filter={Q($"S_INTERSECTS(geometry, {Wkt(point)})")}&limit=1000"))
            .Where(id => !id.Contains(':'));
        Assert.Equal(expected, text);
        var geometry = JsonSerializer.Serialize(point, GeoJson.Options);
        var json = Ids(await AllAsync($"{Items}?filter-lang=cql2-json&filter={Q(
            "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"}," + geometry + "]}")}&limit=1000"))
            .Where(id => !id.Contains(':'));
        Assert.Equal(expected, json);
        // The literal in lat/lon with filter-crs EPSG:4326 is the same point.
        var swapped = string.Create(CultureInfo.InvariantCulture, $"POINT({point.Y:R} {point.X:R})");
        Assert.Equal(expected, Ids(await AllAsync($"{Items}?filter={Q($"S_INTERSECTS(geometry, {swapped})")}" +
            $"&filter-crs={Q("http://www.opengis.net/def/crs/EPSG/0/4326")}&limit=1000")).Where(id => !id.Contains(':')));

        var within = Ids(await AllAsync(
            $"{Items}?filter={Q("S_WITHIN(geometry, BBOX(-180,-90,180,90))")}&limit=1000")).Where(id => !id.Contains(':'));
        Assert.Equal(seeded.Select(f => f.Code).Order(StringComparer.Ordinal), within);
        Assert.Empty(await AllAsync($"{Items}?filter={Q("S_DISJOINT(geometry, BBOX(-180,-90,180,90))")}"));
    }

    [Fact]
    public async Task Conformance_ClaimsTheClassesImplemented()
    {
        var conformance = await GetAsync("/ogc/conformance");
        var claimed = conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()!).ToList();

        Assert.Equal(
        [
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
        ], claimed);
    }
}
