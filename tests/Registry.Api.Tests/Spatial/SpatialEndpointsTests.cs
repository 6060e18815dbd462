using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;

namespace Registry.Api.Tests.Spatial;

[Collection(ApiCollection.Name)]
public sealed class SpatialEndpointsTests(ApiFixture fixture)
{
    private RegistryApiFactory Api => fixture.Factory;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<List<(string Code, string Name, string Level)>> DivisionsAtAsync(double lon, double lat,
        string? asOf = null)
    {
        var json = await JsonOf(await Api.ClientWithRoles().GetAsync(
            FormattableString.Invariant($"/api/spatial/divisions?lon={lon}&lat={lat}") + (asOf is null ? "" : $"&asOf={asOf}")));
        return json.GetProperty("divisions").EnumerateArray()
            .Select(d => (d.GetProperty("code").GetString()!, d.GetProperty("name").GetString()!,
                d.GetProperty("level").GetString()!))
            .ToList();
    }

    [Fact]
    public async Task Divisions_TiananmenOnAFreshStart_Answers110000Beijing()
    {
        // The acceptance check of the issue: the seeded province geometry answers out of the box.
        var found = await DivisionsAtAsync(116.4, 39.9);

        Assert.Equal(("110000", "北京市", "province"), found[0]);
    }

    [Fact]
    public async Task Divisions_PointInsideASeededPrefecture_AnswersProvinceThenPrefecture()
    {
        var prefecture = ShippedGeometry.Seeded(ShippedGeometry.Prefectures)
            .First(p => ShippedGeometry.Seeded(ShippedGeometry.Provinces)
                .Any(q => q.Code[..2] == p.Code[..2] && q.Geometry.Contains(ShippedGeometry.InteriorPoint(p.Geometry))));
        var point = ShippedGeometry.InteriorPoint(prefecture.Geometry);

        var found = await DivisionsAtAsync(point.X, point.Y);

        Assert.Equal([prefecture.Code[..2] + "0000", prefecture.Code], found.Select(f => f.Code));
        Assert.Equal(["province", "prefecture"], found.Select(f => f.Level));
        Assert.Equal(prefecture.Name, found[1].Name);
    }

    [Fact]
    public async Task Divisions_AfterARenameThroughTheApi_AnswersTheNewName()
    {
        var prefecture = ShippedGeometry.Seeded(ShippedGeometry.Prefectures).Skip(40).First();
        var point = ShippedGeometry.InteriorPoint(prefecture.Geometry);
        Assert.Contains(await DivisionsAtAsync(point.X, point.Y), d => d.Name == prefecture.Name);

        var renamed = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{prefecture.Code}/renames",
            new { name = prefecture.Name + "（新）", effectiveDate = Api.Today.ToString("yyyy-MM-dd"), reason = "test" });
        Assert.Equal(HttpStatusCode.Created, renamed.StatusCode);

        Assert.Contains(await DivisionsAtAsync(point.X, point.Y), d => d.Name == prefecture.Name + "（新）");
        Assert.Contains(await DivisionsAtAsync(point.X, point.Y, Api.Today.AddDays(-1).ToString("yyyy-MM-dd")),
            d => d.Name == prefecture.Name);
    }

    [Fact]
    public async Task Divisions_ReferenceAreaFromItsEffectiveDate_IsFoundOnlyFromThatDate()
    {
        var county = SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .Where(c => new IsValidOp(c.Geometry!).IsValid && c.Geometry is Polygon)
            .Skip(100).First();
        var key = "us-fips:" + county.Feature.Id;
        var from = Api.Today.AddDays(30);
        var response = await Api.ClientWithRoles("registrar.boundaries").PutAsJsonAsync(
            $"/api/boundaries/divisions/{key}/geometry", new
            {
                geometry = JsonSerializer.SerializeToElement(county.Geometry, GeoJson.Options),
                effectiveDate = from.ToString("yyyy-MM-dd"),
                reason = "reference overlay",
                name = county.Feature.Text("name"),
                level = "county",
            });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var point = ShippedGeometry.InteriorPoint(county.Geometry!);

        Assert.DoesNotContain(await DivisionsAtAsync(point.X, point.Y), d => d.Code == key);
        var later = await DivisionsAtAsync(point.X, point.Y, from.ToString("yyyy-MM-dd"));
        Assert.Equal((key, county.Feature.Text("name")!, "county"), later.Single());
    }

    [Fact]
    public async Task Divisions_PercentEncodedOrReorderedQuery_AnswersLikeThePlainOne()
    {
        var plain = await Api.ClientWithRoles().GetStringAsync("/api/spatial/divisions?lon=116.4&lat=39.9&asOf=2026-01-01");

        var encoded = await Api.ClientWithRoles()
            .GetStringAsync("/api/spatial/divisions?asOf=2026-01-01&lat=39%2E9&lon=116%2E4");

        Assert.Equal(plain, encoded);
    }

    [Theory]
    [InlineData("lon=NaN&lat=39.9", "coordinate-not-finite")]
    [InlineData("lon=Infinity&lat=39.9", "coordinate-not-finite")]
    [InlineData("lon=200&lat=39.9", "coordinate-out-of-range")]
    [InlineData("lon=39.9&lat=116.4", "coordinates-swapped")]
    [InlineData("lon=abc&lat=39.9", "number-format")]
    [InlineData("lat=39.9", "field-required")]
    [InlineData("lon=116.4&lat=39.9&asOf=2026-13-01", "date-format")]
    [InlineData("lon=116.4&lon=117&lat=39.9", "number-format")]
    public async Task Divisions_BadPosition_Is400NamingTheRule(string query, string rule)
    {
        var response = await Api.ClientWithRoles().GetAsync("/api/spatial/divisions?" + query);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, rule);
    }

    [Fact]
    public async Task Adjacent_SeededProvince_ListsTheProvincesSharingABoundaryLine()
    {
        var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces).ToList();
        List<string> Neighbours(ShippedGeometry.Feature province) => seeded.Where(other => other.Code != province.Code &&
                Geodesy.LengthMetres(province.Geometry.Boundary.Intersection(other.Geometry.Boundary)) > 0)
            .Select(other => other.Code).Order().ToList();
        var province = seeded.First(p => Neighbours(p).Count >= 3);
        var expected = Neighbours(province);

        var json = await JsonOf(await Api.ClientWithRoles().GetAsync($"/api/spatial/divisions/{province.Code}/adjacent"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, json.GetProperty("adjacent").EnumerateArray()
            .Select(a => a.GetProperty("code").GetString()!).Order().ToList());
    }

    [Fact]
    public async Task Boundary_TwoSeededProvincesWithoutARecordedLine_IsDerivedWithItsLengthInMetres()
    {
        var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces).Select(p => p.Code).ToHashSet();
        var arcs = SharedData.Read(SharedData.PathOf("cn/province-boundary-lines.geojson"))
            .Where(a => a.Feature.Text("div_b") is { } b && seeded.Contains(b) && seeded.Contains(a.Feature.Text("div_a")!))
            .GroupBy(a => BoundaryLineNumber.Order(a.Feature.Text("div_a")!, a.Feature.Text("div_b")!))
            .Skip(20).First();
        var published = arcs.Sum(a => Geodesy.LengthMetres(a.Geometry!));

        var feature = await JsonOf(await Api.ClientWithRoles().GetAsync(
            $"/api/spatial/boundary?between={arcs.Key.First},{arcs.Key.Second}"));

        var properties = feature.GetProperty("properties");
        Assert.Equal("derived-from-geometry", properties.GetProperty("source").GetString());
        // The shared arcs of the source topology measure the same boundary independently.
        Assert.Equal(published, properties.GetProperty("lengthMetres").GetDouble(), published * 0.01);
    }

    [Fact]
    public async Task Features_BoxAroundBeijing_ReturnsBeijingAsAGeoJsonFeatureCollection()
    {
        var response = await Api.ClientWithRoles().GetAsync("/api/spatial/features?layer=divisions&bbox=116.3,39.8,116.5,40.0");

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = await JsonOf(response);
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        Assert.Contains(collection.GetProperty("features").EnumerateArray(),
            f => f.GetProperty("id").GetString() == "110000");
    }

    [Fact]
    public async Task Features_MarkersWithoutToken_Is401AndWithAPublicRoleIs403()
    {
        await Problems.AssertProblemAsync(
            await Api.ClientWithRoles().GetAsync("/api/spatial/features?layer=markers&bbox=116,39,117,40"),
            HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertProblemAsync(
            await Api.ClientWithRoles("registrar.marriage").GetAsync("/api/spatial/features?layer=markers&bbox=116,39,117,40"),
            HttpStatusCode.Forbidden, "role-required");
    }

    [Fact]
    public async Task Divisions_EmptyAsOf_AnswersAsToday()
    {
        // Found by the fuzz command: an empty asOf with a valid position was parsed and threw (500).
        var today = await Api.ClientWithRoles().GetStringAsync("/api/spatial/divisions?lon=116.8969&lat=39.7646");
        var empty = await Api.ClientWithRoles().GetAsync("/api/spatial/divisions?lon=116.8969&lat=39.7646&asOf=");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(today, await empty.Content.ReadAsStringAsync());
    }
}
