using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;
using Registry.Grains.Places;
using Registry.Hosting.Spatial;

namespace Registry.Grains.Tests.Places;

/// <summary>A location lies in its division's outline (<see cref="PlaceGeometry.CheckWithin"/>), tested on the shipped
/// prefecture and province outlines (cn-atlas 2023) and points and lines derived from them, never typed coordinates.</summary>
public sealed class PlaceLocationRuleTests
{
    private static readonly Lazy<Dictionary<string, Geometry>> outlines = new(() =>
        new[] { "provinces.geojson", "prefectures.geojson" }
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(Path.Combine(GeometrySeeder.DefaultDirectory, file)))
                .RootElement.GetProperty("features").EnumerateArray())
            .Select(f => (Code: f.GetProperty("properties").GetProperty("区划码").GetString()!,
                Outline: GeoJson.ReadGeometry(f.GetProperty("geometry"))))
            .GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.First().Outline));

    private static Geometry Outline(string code) => outlines.Value[code];

    private static DivisionSummary Division(string code) =>
        new(code, ReferenceDivisions.All.FirstOrDefault(d => d.Code == code)?.Name ?? code, DivisionLevel.Prefecture, DivisionStatus.InForce);

    /// <summary>Two valid prefectures of one province, the first two in code order after skipping <paramref name="skip"/>.</summary>
    private static (string A, string B) TwoPrefectures(int skip = 0)
    {
        var codes = outlines.Value.Where(p => p.Key[2..] != "0000" && p.Key[4..] == "00" && p.Value.IsValid && p.Value is Polygon)
            .Select(p => p.Key).Order(StringComparer.Ordinal).Skip(skip).ToList();
        var a = codes[0];
        return (a, codes.First(c => c != a && c[..2] == a[..2]));
    }

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;

    [Fact]
    public void Point_InsideItsPrefecture_Accepted_InAnotherRefused()
    {
        var (a, b) = TwoPrefectures();
        var inside = Outline(a).InteriorPoint;
        PlaceGeometry.CheckWithin(inside, Outline(a), Division(a));
        PlaceGeometry.CheckWithin(inside, Outline(a[..2] + "0000"), Division(a[..2] + "0000"));
        Assert.Equal("geometry-outside-division", Rule(() => PlaceGeometry.CheckWithin(inside, Outline(b), Division(b))));
    }

    [Fact]
    public void Line_MostlyInside_Accepted_MostlyOutside_Refused()
    {
        var (a, b) = TwoPrefectures(3);
        // A stretch of a's own outline (its first 6 vertices) lies on its boundary: in it, whatever the rounding.
        var ring = ((Polygon)Outline(a)).ExteriorRing;
        var edge = Wgs84.Factory.CreateLineString(ring.Coordinates.Take(6).ToArray());
        PlaceGeometry.CheckWithin(edge, Outline(a), Division(a));
        // From a's interior point to b's: the part in a is far less than 90 %, in b too.
        var across = Wgs84.Factory.CreateLineString([Outline(a).InteriorPoint.Coordinate, Outline(b).InteriorPoint.Coordinate]);
        var inA = Outline(a).Intersection(across).Length / across.Length;
        Assert.True(inA < PlaceGeometry.MinShareInside);
        Assert.Equal("geometry-outside-division", Rule(() => PlaceGeometry.CheckWithin(across, Outline(a), Division(a))));
    }

    [Fact]
    public void Polygon_APrefectureInItsProvince_Accepted_InAnotherProvince_Refused()
    {
        var (a, _) = TwoPrefectures(5);
        var province = a[..2] + "0000";
        var other = outlines.Value.Keys.First(k => k.EndsWith("0000", StringComparison.Ordinal) && k != province);
        // The simplified prefecture and province outlines do not match exactly: within the tolerance.
        PlaceGeometry.CheckWithin(Outline(a), Outline(province), Division(province));
        Assert.Equal("geometry-outside-division", Rule(() => PlaceGeometry.CheckWithin(Outline(a), Outline(other), Division(other))));
    }

    [Fact]
    public void InvalidOutline_IsRepairedForTheTest()
    {
        var invalid = outlines.Value.First(p => p.Key[2..] != "0000" && !p.Value.IsValid);
        var inside = NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(invalid.Value).InteriorPoint;
        PlaceGeometry.CheckWithin(inside, invalid.Value, Division(invalid.Key));
    }
}
