using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Tests.Spatial;

public sealed class GeometryRulesTests
{
    private static Geometry ValidProvince() =>
        SharedData.ShippedProvinces.Select(p => p.Geometry!).First(g => g.IsValid).Copy();

    [Fact]
    public void Check_EveryInvalidShippedPolygon_IsGeometryInvalidWithTheNtsReason()
    {
        var invalid = SharedData.ShippedProvinces.Concat(SharedData.ShippedPrefectures)
            .Select(p => p.Geometry!).Where(g => !new IsValidOp(g).IsValid).ToList();

        Assert.NotEmpty(invalid);
        Assert.All(invalid, geometry =>
        {
            var problem = GeometryRules.Check(geometry, GeometryKind.Area);
            Assert.NotNull(problem);
            Assert.Equal("geometry-invalid", problem.Rule);
            Assert.Contains(new IsValidOp(geometry).ValidationError.Message, problem.Message);
        });
    }

    [Fact]
    public void Check_ValidShippedPolygon_Passes() => Assert.Null(GeometryRules.Check(ValidProvince(), GeometryKind.Area));

    [Fact]
    public void Check_NaNCoordinate_IsCoordinateNotFinite()
    {
        var geometry = ValidProvince();
        geometry.Coordinates[1].X = double.NaN;

        Assert.Equal("coordinate-not-finite", GeometryRules.Check(geometry, GeometryKind.Area)?.Rule);
    }

    [Fact]
    public void Check_LongitudeBeyond180_IsCoordinateOutOfRange()
    {
        var geometry = ValidProvince();
        geometry.Apply(new Shift(360, 0));

        Assert.Equal("coordinate-out-of-range", GeometryRules.Check(geometry, GeometryKind.Area)?.Rule);
    }

    [Fact]
    public void Check_LatitudeLongitudeOrder_IsCoordinatesSwapped()
    {
        var geometry = ValidProvince();
        geometry.Apply(new Swap());

        Assert.Equal("coordinates-swapped", GeometryRules.Check(geometry, GeometryKind.Area)?.Rule);
    }

    [Fact]
    public void Check_PolygonWhereALineIsExpected_IsGeometryType() =>
        Assert.Equal("geometry-type", GeometryRules.Check(ValidProvince(), GeometryKind.Line)?.Rule);

    [Fact]
    public void Ensure_InvalidGeometry_ThrowsInvalidNamingTheField()
    {
        var geometry = ValidProvince();
        geometry.Coordinates[0].Y = double.PositiveInfinity;

        var error = Assert.Throws<DomainException>(() => GeometryRules.Ensure(geometry, GeometryKind.Area, "geometry"));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Equal("geometry", error.Field);
    }

    [Fact]
    public void Normalize_WorldPolygonsEdgedOnTheAntimeridian_SnapsRoundingNoiseOntoIt()
    {
        var noisy = SharedData.Read(SharedData.PathOf("world/admin1-10m.geojson"))
            .Select(f => f.Geometry!)
            .Where(g => g.Coordinates.Any(c => Math.Abs(c.X) > 180))
            .ToList();

        Assert.NotEmpty(noisy);
        Assert.All(noisy, geometry =>
        {
            Assert.Equal("coordinate-out-of-range", GeometryRules.Check(geometry, GeometryKind.Area)?.Rule);
            var normalized = GeometryRules.Normalize(geometry);
            Assert.All(normalized.Coordinates, c => Assert.InRange(c.X, -180, 180));
            Assert.NotEqual("coordinate-out-of-range", GeometryRules.Check(normalized, GeometryKind.Area)?.Rule);
        });
    }

    private sealed class Shift(double dx, double dy) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, seq.GetX(i) + dx);
                seq.SetY(i, seq.GetY(i) + dy);
            }
        }
    }

    private sealed class Swap : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i);
                seq.SetX(i, seq.GetY(i));
                seq.SetY(i, x);
            }
        }
    }
}
