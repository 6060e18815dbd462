using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;

namespace Registry.Api.Tests.Spatial;

[Collection(ApiCollection.Name)]
public sealed class OgcEndpointsTests(ApiFixture fixture)
{
    private RegistryApiFactory Api => fixture.Factory;

    private async Task<JsonElement> GetAsync(string url, string? role = null)
    {
        var client = role is null ? Api.ClientWithRoles() : Api.ClientWithRoles(role);
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static IEnumerable<(string Rel, string Href)> Links(JsonElement document) =>
        document.GetProperty("links").EnumerateArray()
            .Select(l => (l.GetProperty("rel").GetString()!, l.GetProperty("href").GetString()!));

    [Fact]
    public async Task LandingPage_LinksConformanceCollectionsAndTheApiDefinition()
    {
        var landing = await GetAsync("/ogc");

        var rels = Links(landing).ToDictionary(l => l.Rel, l => l.Href);
        Assert.EndsWith("/ogc/conformance", rels["conformance"]);
        Assert.EndsWith("/ogc/collections", rels["data"]);
        Assert.EndsWith("/swagger/v1/swagger.json", rels["service-desc"]);
        var conformance = await GetAsync("/ogc/conformance");
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Collections_AnonymousSeeNoMarkers_GisStaffDo()
    {
        static List<string> Ids(JsonElement c) =>
            c.GetProperty("collections").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList();

        Assert.Equal(["divisions", "boundary-lines", "place-names"], Ids(await GetAsync("/ogc/collections")));
        Assert.Equal(["divisions", "boundary-lines", "markers", "place-names"],
            Ids(await GetAsync("/ogc/collections", "gis")));
    }

    [Fact]
    public async Task Items_FollowingNextLinks_VisitsEveryDivisionOnceInKeyOrder()
    {
        var url = "/ogc/collections/divisions/items?limit=100";
        var ids = new List<string>();
        int? matched = null;
        while (url is not null)
        {
            var page = await GetAsync(url);
            matched ??= page.GetProperty("numberMatched").GetInt32();
            ids.AddRange(page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!));
            url = Links(page).Where(l => l.Rel == "next").Select(l => new Uri(l.Href).PathAndQuery).FirstOrDefault();
        }

        var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces.Concat(ShippedGeometry.Prefectures))
            .Select(f => f.Code).ToList();
        Assert.Equal(matched, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Other tests add reference areas (scheme:id); the registry divisions listed are exactly the seeded ones.
        Assert.Equal(seeded.Order(StringComparer.Ordinal), ids.Where(id => !id.Contains(':')));
    }

    [Fact]
    public async Task Items_Bbox_ReturnsOnlyFeaturesIntersectingIt()
    {
        var province = ShippedGeometry.Seeded(ShippedGeometry.Provinces).Skip(3).First();
        var point = ShippedGeometry.InteriorPoint(province.Geometry);
        var box = FormattableString.Invariant($"{point.X - 0.5},{point.Y - 0.5},{point.X + 0.5},{point.Y + 0.5}");

        var page = await GetAsync($"/ogc/collections/divisions/items?bbox={box}&limit=1000");

        var window = Wgs84.Factory.ToGeometry(new NetTopologySuite.Geometries.Envelope(point.X - 0.5, point.X + 0.5,
            point.Y - 0.5, point.Y + 0.5));
        var features = page.GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(features, f => f.GetProperty("id").GetString() == province.Code);
        Assert.All(features, f => Assert.True(GeoJson.ReadGeometry(f.GetProperty("geometry")).Intersects(window)));
        Assert.Equal(page.GetProperty("numberMatched").GetInt32(), features.Count);
    }

    [Fact]
    public async Task Items_Datetime_SelectsTheGeometryInForceThen()
    {
        var county = SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .Where(c => new IsValidOp(c.Geometry!).IsValid).Skip(200).First();
        var key = "us-fips:" + county.Feature.Id;
        var from = new DateOnly(2025, 3, 1);
        var put = await Api.ClientWithRoles("registrar.boundaries").PutAsJsonAsync($"/api/boundaries/divisions/{key}/geometry",
            new
            {
                geometry = JsonSerializer.SerializeToElement(county.Geometry, GeoJson.Options),
                effectiveDate = from.ToString("yyyy-MM-dd"),
                reason = "test",
                name = county.Feature.Text("name"),
                level = "county",
            });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var envelope = county.Geometry!.EnvelopeInternal;
        var box = FormattableString.Invariant($"{envelope.MinX},{envelope.MinY},{envelope.MaxX},{envelope.MaxY}");

        async Task<bool> Listed(string datetime) =>
            (await GetAsync($"/ogc/collections/divisions/items?bbox={box}&datetime={datetime}")).GetProperty("features")
            .EnumerateArray().Any(f => f.GetProperty("id").GetString() is { } id &&
                                       (id == key || id.StartsWith(key + "@v", StringComparison.Ordinal)));

        Assert.False(await Listed(from.AddDays(-1).ToString("yyyy-MM-dd")));
        Assert.True(await Listed(from.ToString("yyyy-MM-dd")));
        Assert.True(await Listed($"{from.AddYears(-1):yyyy-MM-dd}/.."));
        Assert.False(await Listed($"../{from.AddDays(-1):yyyy-MM-dd}"));
        Assert.True(await Listed($"{from:yyyy-MM-dd}T12:00:00Z"));
    }

    [Theory]
    [InlineData("/ogc/collections/divisions/items?colour=red", 400, "query-parameter-unknown")]
    [InlineData("/ogc/collections/divisions/items?limit=0", 400, "limit-range")]
    [InlineData("/ogc/collections/divisions/items?bbox=1,2,3", 400, "bbox-format")]
    [InlineData("/ogc/collections/divisions/items?datetime=yesterday", 400, "datetime-format")]
    [InlineData("/ogc/collections/rivers/items", 404, "collection-not-found")]
    [InlineData("/ogc/collections/divisions/items/999999", 404, "feature-not-found")]
    public async Task Items_BadRequest_IsAProblemNamingTheRule(string url, int status, string rule)
    {
        await Problems.AssertProblemAsync(await Api.ClientWithRoles().GetAsync(url), (HttpStatusCode)status, rule);
    }

    [Fact]
    public async Task Item_ById_IsAGeoJsonFeatureWithSelfAndCollectionLinks()
    {
        var code = ShippedGeometry.Seeded(ShippedGeometry.Provinces).First().Code;

        var response = await Api.ClientWithRoles().GetAsync($"/ogc/collections/divisions/items/{code}");

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var feature = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, feature.GetProperty("id").GetString());
        Assert.Equal(["self", "alternate", "collection"], Links(feature).Select(l => l.Rel));
    }

    [Fact]
    public async Task PlaceNames_IsAnEmptyCollectionUntilThePlaceRegistryIndexesPlaces()
    {
        var page = await GetAsync("/ogc/collections/place-names/items");

        Assert.Equal(0, page.GetProperty("numberMatched").GetInt32());
        Assert.Equal(0, page.GetProperty("features").GetArrayLength());
    }
}
