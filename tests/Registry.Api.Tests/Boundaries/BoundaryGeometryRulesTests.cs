using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Boundaries;

/// <summary>
/// A boundary line must be simple and follow the common boundary of its two (adjacent) divisions; a marker is never
/// moved. Real province lines and junction points, against the seeded province geometry.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BoundaryGeometryRulesTests(ApiFixture fixture)
{
    private const string Role = "registrar.boundaries";

    private static readonly Lazy<IReadOnlyList<(string A, string B, MultiLineString Geometry)>> lines = new(() =>
    {
        var valid = ShippedGeometry.Provinces.Where(p => p.Registered && p.Geometry.IsValid).Select(p => p.Code)
            .ToHashSet();
        return SharedData.Read(SharedData.PathOf("cn/province-boundary-lines.geojson"))
            .Where(f => f.Feature.Text("div_b") is { } b && valid.Contains(b) && valid.Contains(f.Feature.Text("div_a")!))
            .GroupBy(f => BoundaryLineNumber.Order(f.Feature.Text("div_a")!, f.Feature.Text("div_b")!))
            .Select(g => (g.Key.Item1, g.Key.Item2,
                Wgs84.Factory.CreateMultiLineString(g.Select(f => (LineString)f.Geometry!).ToArray())))
            .OrderBy(l => l.Item1, StringComparer.Ordinal).ThenBy(l => l.Item2, StringComparer.Ordinal)
            .ToList();
    });

    private RegistryApiFactory Api => fixture.Factory;

    private static JsonElement GeoJsonOf(Geometry geometry) => JsonSerializer.SerializeToElement(geometry, GeoJson.Options);

    private static string Code(string namePrefix) =>
        ShippedGeometry.Provinces.Single(p => p.Name.StartsWith(namePrefix, StringComparison.Ordinal)).Code;

    private Task<HttpResponseMessage> RecordAsync(string a, string b, Geometry geometry) =>
        Api.ClientWithRoles(Role).PostAsJsonAsync("/api/boundaries/lines", new
        {
            divisionA = a,
            divisionB = b,
            geometry = GeoJsonOf(geometry),
            agreement = "省级行政区域界线协议书",
            reason = "界线联合勘定",
        });

    private async Task AssertNotStoredAsync(string a, string b) =>
        Assert.Equal(HttpStatusCode.NotFound, (await Api.ClientWithRoles("gis")
            .GetAsync($"/api/boundaries/lines/{BoundaryLineNumber.For(a, b)}")).StatusCode);

    [Fact]
    public async Task RecordLine_BeijingAndGuangdongWhichDoNotTouch_Is422AndNothingIsStored()
    {
        var (beijing, guangdong) = (Code("北京"), Code("广东"));
        var beijingLine = lines.Value.First(l => l.A == beijing || l.B == beijing).Geometry;

        var response = await RecordAsync(beijing, guangdong, beijingLine);

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity,
            "boundary-line-divisions-not-adjacent");
        await AssertNotStoredAsync(beijing, guangdong);
    }

    [Fact]
    public async Task RecordLine_TheLineOfAnotherPairOfProvinces_Is422OffTheCommonBoundary()
    {
        var target = lines.Value[1];
        var other = lines.Value.First(l => new[] { l.A, l.B }.Intersect([target.A, target.B]).Count() == 0);

        var response = await RecordAsync(target.A, target.B, other.Geometry);

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity,
            "boundary-line-off-common-boundary");
        await AssertNotStoredAsync(target.A, target.B);
    }

    [Fact]
    public async Task RecordLine_RealLineRunBackOverItself_Is422NotSimple()
    {
        var target = lines.Value[2];
        var there = target.Geometry.GetGeometryN(0).Coordinates;
        var thereAndBack = Wgs84.Factory.CreateLineString([.. there, .. there.Reverse().Skip(1).Take(there.Length / 2)]);

        var response = await RecordAsync(target.A, target.B, thereAndBack);

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "boundary-line-not-simple");
        await AssertNotStoredAsync(target.A, target.B);
    }

    [Fact]
    public async Task UpdateMarker_NewPosition_Is422MarkerPositionFixedAndTheSamePositionIsAccepted()
    {
        var junctions = SharedData.Read(SharedData.PathOf("cn/province-junction-points.geojson"))
            .Select(j => (Point: (Point)j.Geometry!, Sides: j.Feature.Properties!.Value.GetProperty("adjacent")
                .EnumerateArray().Select(e => e.GetString()!).ToHashSet()))
            .ToList();
        var (a, b, geometry) = lines.Value.Last(l => junctions.Any(j => j.Sides.Contains(l.A) && j.Sides.Contains(l.B)));
        var at = junctions.First(j => j.Sides.Contains(a) && j.Sides.Contains(b)).Point;
        var elsewhere = junctions.First(j => !j.Point.EqualsExact(at)).Point;
        var lineNumber = BoundaryLineNumber.For(a, b);
        var number = MarkerNumber.Compose(lineNumber, 901, 'Q');
        var client = Api.ClientWithRoles(Role);
        Assert.True((await RecordAsync(a, b, geometry)).IsSuccessStatusCode);
        var registered = await client.PostAsJsonAsync("/api/boundaries/markers", new
        {
            number,
            type = "single",
            location = GeoJsonOf(at),
            reason = "界桩埋设",
        });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());

        var moved = await client.PutAsJsonAsync($"/api/boundaries/markers/{number}",
            new { location = GeoJsonOf(elsewhere), material = "混凝土", reason = "移桩" });
        await Problems.AssertProblemAsync(moved, HttpStatusCode.UnprocessableEntity, "marker-position-fixed");
        var stored = JsonDocument.Parse(await client.GetStringAsync($"/api/boundaries/markers/{number}")).RootElement;
        var coordinates = stored.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal((at.X, at.Y), (coordinates[0].GetDouble(), coordinates[1].GetDouble()));
        Assert.False(stored.GetProperty("properties").TryGetProperty("material", out var material) &&
                     material.GetString() == "混凝土");

        var same = await client.PutAsJsonAsync($"/api/boundaries/markers/{number}",
            new { location = GeoJsonOf(at), material = "混凝土", reason = "更换材质" });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task ArchiveInspection_KeepsItsRealDates_AndTheOverdueReportPagesAndFiltersByDivision()
    {
        var client = Api.ClientWithRoles(Role);
        var (a, b, geometry) = lines.Value[3];
        var other = lines.Value[4];
        Assert.True((await RecordAsync(a, b, geometry)).IsSuccessStatusCode);
        Assert.True((await RecordAsync(other.A, other.B, other.Geometry)).IsSuccessStatusCode);
        var number = BoundaryLineNumber.For(a, b);

        // Typed in today without its date, an inspection of 1990 would carry today's dates: refused.
        await Problems.AssertProblemAsync(await client.PostAsJsonAsync($"/api/boundaries/lines/{number}/inspections",
            new { year = 1990, reason = "档案补录" }), HttpStatusCode.BadRequest, "inspection-date-order");
        var opened = await client.PostAsJsonAsync($"/api/boundaries/lines/{number}/inspections",
            new { year = 1990, openedOn = "1990-04-01", reason = "1990年联合检查（档案补录）" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        await Problems.AssertProblemAsync(await client.PostAsJsonAsync($"/api/boundaries/inspections/{id}/signatures",
                new { side = a, signatory = "张三", signedOn = Api.Today.AddDays(1).ToString("yyyy-MM-dd") }),
            HttpStatusCode.BadRequest, "inspection-date-future");
        Assert.True((await client.PostAsJsonAsync($"/api/boundaries/inspections/{id}/signatures",
            new { side = b, signatory = "李四", signedOn = "1990-06-03" })).IsSuccessStatusCode);
        var completed = await client.PostAsJsonAsync($"/api/boundaries/inspections/{id}/signatures",
            new { side = a, signatory = "张三", signedOn = "1990-05-20" });
        var inspection = JsonDocument.Parse(await completed.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("1990-04-01", inspection.GetProperty("openedOn").GetString());
        Assert.Equal("1990-06-03", inspection.GetProperty("completedOn").GetString());

        var gis = Api.ClientWithRoles("gis");
        var touchingA = JsonDocument.Parse(await gis.GetStringAsync(
            $"/api/boundaries/inspections/overdue?division={a}&includeNeverInspected=false&limit=1000")).RootElement;
        var line = touchingA.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("line").GetString() == number);
        Assert.Equal("1990-06-03", line.GetProperty("lastCompletedInspection").GetString());
        Assert.All(touchingA.GetProperty("items").EnumerateArray(), l => Assert.Contains(a[..2],
            new[] { l.GetProperty("divisionA").GetString()![..2], l.GetProperty("divisionB").GetString()![..2] }));

        var first = JsonDocument.Parse(await gis.GetStringAsync("/api/boundaries/inspections/overdue?limit=1&page=1"))
            .RootElement;
        var second = JsonDocument.Parse(await gis.GetStringAsync("/api/boundaries/inspections/overdue?limit=1&page=2"))
            .RootElement;
        Assert.True(first.GetProperty("total").GetInt32() >= 2);
        Assert.Equal(1, first.GetProperty("items").GetArrayLength());
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("line").GetString(),
            second.GetProperty("items")[0].GetProperty("line").GetString());
        await Problems.AssertProblemAsync(await gis.GetAsync("/api/boundaries/inspections/overdue?limit=0"),
            HttpStatusCode.BadRequest, "paging-range");
    }
}
