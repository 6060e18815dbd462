using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Tests.Spatial;

public sealed class GeodesyTests
{
    private static double Dms(int degrees, int minutes, double seconds) =>
        Math.Sign(degrees) * (Math.Abs(degrees) + minutes / 60.0 + seconds / 3600.0);

    [Fact]
    public void DistanceMetres_FlindersPeakToBuninyong_MatchesVincentysWorkedExample()
    {
        // The worked example of Vincenty (1975) as published by Geoscience Australia: 54,972.271 m.
        var distance = Geodesy.DistanceMetres(Dms(144, 25, 29.52440), Dms(-37, 57, 3.72030),
            Dms(143, 55, 35.38390), Dms(-37, 39, 10.15610));

        Assert.Equal(54_972.271, distance, 0.001);
    }

    [Fact]
    public void DistanceMetres_OneDegreeAlongTheMeridianFromTheEquator_IsTheWgs84ArcLength()
    {
        // Meridian arc from 0 to 1 degree on WGS84: 110,574.389 m.
        Assert.Equal(110_574.389, Geodesy.DistanceMetres(0, 0, 0, 1), 0.01);
    }

    [Fact]
    public void DistanceMetres_AntipodalPoints_StaysWithinHalfAPercentOfTheGeodesic()
    {
        // Vincenty's iteration does not converge here; the haversine fallback must still be close (20,003,931 m).
        var distance = Geodesy.DistanceMetres(0, 0, 180, 0);

        Assert.InRange(distance, 20_003_931 * 0.995, 20_003_931 * 1.005);
    }

    [Fact]
    public void DistanceMetres_SamePoint_IsZero() => Assert.Equal(0, Geodesy.DistanceMetres(116.4, 39.9, 116.4, 39.9));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(40, 41)]
    [InlineData(-75, -70)]
    public void AreaSquareMetres_LatitudeLongitudeCell_MatchesTheClosedFormEllipsoidalZone(double south, double north)
    {
        var cell = Wgs84.Factory.ToGeometry(new Envelope(10, 11, south, north));

        var area = Geodesy.AreaSquareMetres(cell);

        // Area between two parallels over one degree of longitude on the ellipsoid, in closed form.
        var e = Math.Sqrt(Geodesy.Flattening * (2 - Geodesy.Flattening));
        var b = Geodesy.SemiMajorAxis * (1 - Geodesy.Flattening);
        double F(double latitude)
        {
            var s = Math.Sin(latitude * Math.PI / 180);
            return s / (1 - e * e * s * s) + Math.Log((1 + e * s) / (1 - e * s)) / (2 * e);
        }

        var expected = Math.PI / 180 * b * b / 2 * (F(north) - F(south));
        Assert.Equal(expected, area, expected * 1e-6);
    }

    [Fact]
    public void DistanceToLinesMetres_PointBesideASegment_IsTheDistanceToItsFoot()
    {
        var line = Wgs84.Factory.CreateLineString([new Coordinate(116, 40), new Coordinate(117, 40)]);

        var distance = Geodesy.DistanceToLinesMetres(116.5, 40.01, line);

        Assert.Equal(Geodesy.DistanceMetres(116.5, 40.01, 116.5, 40), distance, 0.5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(45)]
    [InlineData(80)]
    public void BoxAround_ReachesAtLeastTheDistanceInEveryDirection(double latitude)
    {
        const double metres = 50_000;
        var box = Geodesy.BoxAround(100, latitude, metres);

        Assert.True(Geodesy.DistanceMetres(100, latitude, box.MinLon, latitude) >= metres);
        Assert.True(Geodesy.DistanceMetres(100, latitude, box.MaxLon, latitude) >= metres);
        Assert.True(Geodesy.DistanceMetres(100, latitude, 100, box.MinLat) >= metres);
        Assert.True(Geodesy.DistanceMetres(100, latitude, 100, box.MaxLat) >= metres);
    }
}
