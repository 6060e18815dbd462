using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Spatial;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Boundaries;

[Collection(ApiCollection.Name)]
public sealed class BoundaryEndpointsTests(ApiFixture fixture)
{
    private RegistryApiFactory Api => fixture.Factory;

    private static JsonElement GeoJsonOf(NetTopologySuite.Geometries.Geometry geometry) =>
        JsonSerializer.SerializeToElement(geometry, GeoJson.Options);

    private static ShippedGeometry.Feature InvalidRegisteredProvince =>
        ShippedGeometry.Provinces.First(p => p.Registered && !p.Geometry.IsValid);

    [Fact]
    public async Task GetGeometry_SeededProvince_IsAPublicGeoJsonFeatureWithAreaAndPerimeter()
    {
        var province = ShippedGeometry.Seeded(ShippedGeometry.Provinces).First();

        var response = await Api.ClientWithRoles().GetAsync($"/api/boundaries/divisions/{province.Code}/geometry");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var feature = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(province.Code, feature.GetProperty("id").GetString());
        var geometry = GeoJson.ReadGeometry(feature.GetProperty("geometry"));
        Assert.True(geometry.Normalized().EqualsExact(province.Geometry.Normalized()));
        Assert.Equal(Geodesy.AreaSquareMetres(province.Geometry),
            feature.GetProperty("properties").GetProperty("areaSquareMetres").GetDouble(), 1.0);
    }

    [Fact]
    public async Task PutGeometry_SelfIntersectingPolygon_Is400WithTheNtsReasonAndNothingIsStored()
    {
        var province = InvalidRegisteredProvince;

        var response = await Api.ClientWithRoles("registrar.boundaries").PutAsJsonAsync(
            $"/api/boundaries/divisions/{province.Code}/geometry",
            new { geometry = GeoJsonOf(province.Geometry), reason = "test" });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry-invalid");
        Assert.Contains(new IsValidOp(province.Geometry).ValidationError.Message,
            problem.GetProperty("errors").GetProperty("geometry")[0].GetString());
        var versions = JsonDocument.Parse(await Api.ClientWithRoles()
            .GetStringAsync($"/api/boundaries/divisions/{province.Code}/geometry/versions")).RootElement;
        // The seeder stores this province repaired (one version); the refused PUT added none.
        Assert.Equal(1, versions.GetArrayLength());
    }

    [Fact]
    public async Task PutGeometry_MalformedGeoJson_Is400GeometryMalformed()
    {
        var province = InvalidRegisteredProvince;
        var body = JsonDocument.Parse("""{"geometry": {"type": "Polygon", "coordinates": [[[1, 2], "x"]]}, "reason": "t"}""");

        var response = await Api.ClientWithRoles("registrar.boundaries")
            .PutAsJsonAsync($"/api/boundaries/divisions/{province.Code}/geometry", body.RootElement);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry-malformed");
    }

    [Fact]
    public async Task PutGeometry_UnrecordedDivision_Is404AndWithoutTheRegistrarRoleIs403()
    {
        var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces).First();
        var unknown = ShippedGeometry.Provinces.First(p => !p.Registered).Code;
        var body = new { geometry = GeoJsonOf(seeded.Geometry), reason = "test" };

        await Problems.AssertProblemAsync(await Api.ClientWithRoles("registrar.boundaries")
                .PutAsJsonAsync($"/api/boundaries/divisions/{unknown}/geometry", body),
            HttpStatusCode.NotFound, "division-not-found");
        await Problems.AssertProblemAsync(await Api.ClientWithRoles("gis")
                .PutAsJsonAsync($"/api/boundaries/divisions/{seeded.Code}/geometry", body),
            HttpStatusCode.Forbidden, "role-required");
        await Problems.AssertProblemAsync(await Api.ClientWithRoles()
                .PutAsJsonAsync($"/api/boundaries/divisions/{seeded.Code}/geometry", body),
            HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Fact]
    public async Task PutGeometry_CoordinatesOutOfRange_Is400AndNothingIsStored()
    {
        var province = InvalidRegisteredProvince;
        var shifted = ShippedGeometry.Seeded(ShippedGeometry.Provinces).First().Geometry.Copy();
        shifted.Coordinates[0].Y = 95;
        shifted.Coordinates[^1].Y = 95;

        var response = await Api.ClientWithRoles("registrar.boundaries").PutAsJsonAsync(
            $"/api/boundaries/divisions/{province.Code}/geometry", new { geometry = GeoJsonOf(shifted), reason = "t" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "coordinate-out-of-range");
    }

    [Fact]
    public async Task RecordLine_UnknownDivision_Is422DivisionUnknown()
    {
        var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces).ToList();
        var unknown = ShippedGeometry.Provinces.First(p => !p.Registered).Code;
        var boundary = seeded[0].Geometry.Boundary;

        var response = await Api.ClientWithRoles("registrar.boundaries").PostAsJsonAsync("/api/boundaries/lines", new
        {
            divisionA = seeded[0].Code,
            divisionB = unknown,
            geometry = GeoJsonOf(boundary is NetTopologySuite.Geometries.MultiLineString m ? m.GetGeometryN(0) : boundary),
            agreement = "test",
            reason = "test",
        });

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "division-unknown");
    }

    [Fact]
    public async Task RegisterMarker_MalformedNumber_Is400MarkerNumberFormat()
    {
        var response = await Api.ClientWithRoles("registrar.boundaries").PostAsJsonAsync("/api/boundaries/markers", new
        {
            number = "1113000X",
            type = "single",
            location = new { type = "Point", coordinates = new[] { 116.4, 39.9 } },
            reason = "test",
        });

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "marker-number-format");
    }

    [Theory]
    [InlineData("kind=lines,markers&reason=t", "import-kind")]
    [InlineData("kind=2&reason=t", "import-kind")]
    [InlineData("kind=divisions&layer=county,township&reason=t", "division-level")]
    public async Task Import_KindOrLayerNotExactlyOneName_Is400(string query, string rule)
    {
        var response = await Api.ClientWithRoles("registrar.boundaries").PostAsync($"/api/boundaries/imports?{query}",
            new StringContent("""{"type": "FeatureCollection", "features": []}""", System.Text.Encoding.UTF8,
                "application/geo+json"));

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, rule);
    }

    [Fact]
    public async Task Markers_ReadWithoutTheGisOrRegistrarRole_Is403()
    {
        await Problems.AssertProblemAsync(
            await Api.ClientWithRoles("registrar.places").GetAsync("/api/boundaries/inspections/overdue"),
            HttpStatusCode.Forbidden, "role-required");
    }
}
