using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Tests.Spatial;

/// <summary>
/// Geometry on the whole globe: a ring across the antimeridian is cut there and measured and queried as the shape it
/// draws; polar and whole-world polygons have their full area. The crossing ring is Natural Earth's Chukotka (cut at
/// 180 in the source) joined back across the antimeridian, as a client drawing it would send it.
/// </summary>
public sealed class GlobeGeometryTests
{
    private static readonly double E2 = Geodesy.Flattening * (2 - Geodesy.Flattening);
    private static readonly double B = Geodesy.SemiMajorAxis * (1 - Geodesy.Flattening);

    /// <summary>Area of the ellipsoid between the equator and a latitude, over all longitudes (closed form).</summary>
    private static double ZoneFromEquator(double latitude)
    {
        var e = Math.Sqrt(E2);
        var s = Math.Sin(latitude * Math.PI / 180);
        return Math.PI * B * B * (s / (1 - E2 * s * s) + Math.Log((1 + e * s) / (1 - e * s)) / (2 * e));
    }

    [Fact]
    public void Normalize_ChukotkaJoinedAcrossTheAntimeridian_IsCutBackIntoItsPublishedParts()
    {
        var (parts, crossing) = GlobeData.Chukotka();
        Assert.True(parts.NumGeometries >= 2);
        Assert.Equal("geometry-crosses-antimeridian", GeometryRules.Check(crossing, GeometryKind.Area)?.Rule);

        var cut = GeometryRules.Normalize(crossing);

        Assert.Null(GeometryRules.Check(cut, GeometryKind.Area));
        Assert.All(cut.Coordinates, c => Assert.InRange(c.X, -180, 180));
        var expected = Geodesy.AreaSquareMetres(parts);
        Assert.Equal(expected, Geodesy.AreaSquareMetres(cut), expected * 1e-9);
    }

    [Fact]
    public void Normalize_ChukotkaJoinedAcrossTheAntimeridian_ContainsItsOwnPointsAndNotTheOtherSideOfTheWorld()
    {
        var (parts, crossing) = GlobeData.Chukotka();
        var cut = GeometryRules.Normalize(crossing);
        var pieces = Enumerable.Range(0, parts.NumGeometries).Select(parts.GetGeometryN).ToList();
        var east = pieces.First(p => p.Centroid.X > 0).InteriorPoint;
        var west = pieces.First(p => p.Centroid.X < 0).InteriorPoint;

        Assert.True(cut.Contains(east));
        Assert.True(cut.Contains(west));
        // As written, the ring would be the 340-degree box: it would hold longitude 0 at the same latitude.
        Assert.False(cut.Contains(Wgs84.Point(0, east.Y)));
        Assert.True(Geodesy.AreaSquareMetres(cut) < ZoneFromEquator(90) / 100);
    }

    [Fact]
    public void AreaSquareMetres_PolarCapAlongTheAntimeridian_IsTheEllipsoidalZoneAndHoldsItsPoints()
    {
        var cap = Wgs84.Factory.ToGeometry(new Envelope(-180, 180, 80, 90));
        Assert.Null(GeometryRules.Check(GeometryRules.Normalize(cap), GeometryKind.Area));

        var expected = ZoneFromEquator(90) - ZoneFromEquator(80);
        Assert.Equal(expected, Geodesy.AreaSquareMetres(GeometryRules.Normalize(cap)), expected * 1e-6);
        Assert.True(cap.Contains(Wgs84.Point(0, 85)));
        Assert.True(cap.Contains(Wgs84.Point(179.9, 89.9)));
        Assert.False(cap.Contains(Wgs84.Point(0, 79)));
    }

    [Fact]
    public void AreaSquareMetres_WholeWorld_IsTheEllipsoidsSurfaceAndHoldsEveryInteriorPoint()
    {
        var world = GeometryRules.Normalize(Wgs84.Factory.ToGeometry(new Envelope(-180, 180, -90, 90)));
        Assert.Null(GeometryRules.Check(world, GeometryKind.Area));

        var e = Math.Sqrt(E2);
        var surface = 2 * Math.PI * Geodesy.SemiMajorAxis * Geodesy.SemiMajorAxis *
            (1 + (1 - E2) / e * Math.Atanh(e));
        Assert.Equal(surface, Geodesy.AreaSquareMetres(world), surface * 1e-6);
        var (parts, _) = GlobeData.Chukotka();
        Assert.True(world.Contains(parts.InteriorPoint));
        Assert.True(world.Contains(SharedData.ShippedProvinces[0].Geometry!.InteriorPoint));
    }

    [Fact]
    public void AreaSquareMetres_Antarctica_LiesBetweenTheCapsSouthOf75And60Degrees()
    {
        var antarctica = GlobeData.Antarctica();

        var area = Geodesy.AreaSquareMetres(antarctica);

        // More than the cap south of 75 degrees south (the continent reaches beyond it on every side but the Ross and
        // Ronne shelves) and less than the cap south of 60 (it lies wholly within). PostGIS: see GeographyAreaTests.
        Assert.InRange(area, ZoneFromEquator(90) - ZoneFromEquator(75), ZoneFromEquator(90) - ZoneFromEquator(60));
    }
}
