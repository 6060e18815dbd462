using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Abstractions.Tests.Spatial;

namespace Registry.Api.Tests.Spatial;

/// <summary>
/// Geometry on the whole globe over HTTP, on an API of its own (the whole-world area would answer every other point
/// query): Natural Earth's Antarctica and Chukotka, a polar cap and the whole world as reference areas, measured and
/// point-queried as drawn; and a point on the shared boundary of seeded provinces answered with both sides.
/// </summary>
public sealed class GlobeGeometryEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private RegistryApiFactory Api => fixture.Factory;

    private static JsonElement GeoJsonOf(Geometry geometry) => JsonSerializer.SerializeToElement(geometry, GeoJson.Options);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private async Task<JsonElement> PutAreaAsync(string key, string name, Geometry geometry)
    {
        var response = await Api.ClientWithRoles("registrar.boundaries").PutAsJsonAsync(
            $"/api/boundaries/divisions/{key}/geometry",
            new { geometry = GeoJsonOf(geometry), reason = "Natural Earth 10m", name, level = "province" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await Api.ClientWithRoles().GetStringAsync($"/api/boundaries/divisions/{key}/geometry"))
            .RootElement;
    }

    private async Task<JsonElement[]> LocateAsync(Point point) =>
        JsonDocument.Parse(await Api.ClientWithRoles().GetStringAsync(
                $"/api/spatial/divisions?lon={Number(point.X)}&lat={Number(point.Y)}"))
            .RootElement.GetProperty("divisions").EnumerateArray().ToArray();

    private async Task<List<string>> CodesAtAsync(Point point) =>
        (await LocateAsync(point)).Select(d => d.GetProperty("code").GetString()!).ToList();

    private static double AreaOf(JsonElement feature) =>
        feature.GetProperty("properties").GetProperty("areaSquareMetres").GetDouble();

    [Fact]
    public async Task PutGeometry_RingAcrossTheAntimeridian_IsStoredCutThereMeasuredAndQueriedAsDrawn()
    {
        var (parts, crossing) = GlobeData.Chukotka();

        var stored = await PutAreaAsync("ne:RUS-2321", "Chukchi Autonomous Okrug", crossing);

        Assert.Equal("MultiPolygon", stored.GetProperty("geometry").GetProperty("type").GetString());
        var expected = Geodesy.AreaSquareMetres(parts);
        Assert.Equal(expected, AreaOf(stored), expected * 1e-6);
        var pieces = Enumerable.Range(0, parts.NumGeometries).Select(parts.GetGeometryN).ToList();
        var east = pieces.First(p => p.Centroid.X > 0).InteriorPoint;
        var west = pieces.First(p => p.Centroid.X < 0).InteriorPoint;
        Assert.Contains("ne:RUS-2321", await CodesAtAsync(east));
        Assert.Contains("ne:RUS-2321", await CodesAtAsync(west));
        Assert.DoesNotContain("ne:RUS-2321", await CodesAtAsync(Wgs84.Point(0, east.Y)));
    }

    [Fact]
    public async Task PutGeometry_Antarctica_HasItsAreaAndHoldsTheSouthPolarPlateau()
    {
        var antarctica = GlobeData.Antarctica();

        var stored = await PutAreaAsync("ne:ATA", "Antarctica", antarctica);

        var expected = Geodesy.AreaSquareMetres(antarctica);
        Assert.Equal(expected, AreaOf(stored), expected * 1e-6);
        Assert.Contains("ne:ATA", await CodesAtAsync(antarctica.InteriorPoint));
    }

    [Fact]
    public async Task PutGeometry_PolarCapAndWholeWorld_HaveTheirAreasAndHoldTheirPoints()
    {
        var cap = Wgs84.Factory.ToGeometry(new Envelope(-180, 180, 80, 90));
        var world = Wgs84.Factory.ToGeometry(new Envelope(-180, 180, -90, 90));

        var storedCap = await PutAreaAsync("globe:north-cap", "north of 80 degrees", cap);
        var storedWorld = await PutAreaAsync("globe:world", "the whole world", world);

        Assert.Equal(Geodesy.AreaSquareMetres(cap), AreaOf(storedCap), 1.0);
        Assert.True(AreaOf(storedCap) > 0);
        Assert.Equal(Geodesy.AreaSquareMetres(world), AreaOf(storedWorld), 1.0);
        Assert.True(AreaOf(storedWorld) > 5e14);
        var province = ShippedGeometry.Provinces.First(p => p.Registered && p.Geometry.IsValid).Geometry.InteriorPoint;
        Assert.Contains("globe:north-cap", await CodesAtAsync(Wgs84.Point(province.X, 85)));
        Assert.DoesNotContain("globe:north-cap", await CodesAtAsync(province));
        Assert.Contains("globe:world", await CodesAtAsync(province));
        Assert.Contains("globe:world", await CodesAtAsync(GlobeData.Antarctica().InteriorPoint));
    }

    [Fact]
    public async Task PutGeometry_RingAroundAPoleAcrossTheAntimeridian_Is400NamingTheRule()
    {
        // Antarctica's coast alone (its ring without the edges along the antimeridian and the pole) goes once around
        // the pole: it does not say which side is meant.
        var antarctica = GlobeData.Antarctica();
        var mainland = (Polygon)Enumerable.Range(0, antarctica.NumGeometries).Select(antarctica.GetGeometryN)
            .MaxBy(p => p.Area)!;
        var shell = mainland.Shell.Coordinates;
        var coast = shell.Where(c => Math.Abs(c.X) < 180 && c.Y > -89).ToList();
        coast.Add(coast[0]);

        var response = await Api.ClientWithRoles("registrar.boundaries").PutAsJsonAsync(
            "/api/boundaries/divisions/ne:ATA-coast/geometry",
            new
            {
                geometry = GeoJsonOf(Wgs84.Factory.CreatePolygon(coast.ToArray())), reason = "t", name = "coast",
                level = "province",
            });

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry-crosses-antimeridian");
    }

    [Fact]
    public async Task PointQuery_JunctionOfThreeProvinces_AnswersAllThreeFlaggedOnBoundary()
    {
        var seeded = ShippedGeometry.Provinces.Where(p => p.Registered && p.Geometry.IsValid)
            .ToDictionary(p => p.Code, p => p.Geometry);
        var junction = SharedData.Read(SharedData.PathOf("cn/province-junction-points.geojson"))
            .Select(j => (Point: (Point)j.Geometry!, Sides: j.Feature.Properties!.Value.GetProperty("adjacent")
                .EnumerateArray().Select(e => e.GetString()!).ToList()))
            .First(j => j.Sides.Count == 3 && j.Sides.All(seeded.ContainsKey) &&
                        j.Sides.All(s => seeded[s].Coordinates.Any(c => c.Equals2D(j.Point.Coordinate))));

        var located = await LocateAsync(junction.Point);

        var provinces = located.Where(d => d.GetProperty("level").GetString() == "province" && IsRegistryCode(d)).ToList();
        Assert.Equal(junction.Sides.Order(StringComparer.Ordinal),
            provinces.Select(d => d.GetProperty("code").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(provinces, d => Assert.True(d.GetProperty("onBoundary").GetBoolean()));

        var inside = await LocateAsync(seeded[junction.Sides[0]].InteriorPoint);
        var own = inside.Single(d => d.GetProperty("code").GetString() == junction.Sides[0]);
        Assert.False(own.GetProperty("onBoundary").GetBoolean());
    }

    [Fact]
    public async Task PointQuery_VertexOfTheLineBetweenTwoProvinces_AnswersBothSidesFlaggedOnBoundary()
    {
        var seeded = ShippedGeometry.Provinces.Where(p => p.Registered && p.Geometry.IsValid)
            .ToDictionary(p => p.Code, p => p.Geometry);
        var line = SharedData.Read(SharedData.PathOf("cn/province-boundary-lines.geojson"))
            .First(f => f.Feature.Text("div_b") is { } b && seeded.ContainsKey(b) &&
                        seeded.ContainsKey(f.Feature.Text("div_a")!) && f.Geometry!.NumPoints >= 3);
        var sides = new[] { line.Feature.Text("div_a")!, line.Feature.Text("div_b")! };
        var vertex = Wgs84.Factory.CreatePoint(line.Geometry!.Coordinates[line.Geometry.NumPoints / 2]);

        var located = await LocateAsync(vertex);

        var provinces = located.Where(d => d.GetProperty("level").GetString() == "province" && IsRegistryCode(d)).ToList();
        Assert.Equal(sides.Order(StringComparer.Ordinal),
            provinces.Select(d => d.GetProperty("code").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(provinces, d => Assert.True(d.GetProperty("onBoundary").GetBoolean()));
    }

    /// <summary>A registry division, not a reference area another test of the class stored (e.g. the whole world,
    /// which contains every point).</summary>
    private static bool IsRegistryCode(JsonElement division) =>
        division.GetProperty("code").GetString()!.All(char.IsAsciiDigit);
}
