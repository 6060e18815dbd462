using NetTopologySuite.Geometries;
using Registry.Abstractions.Errors;
using Registry.Grains.Boundaries;
using Registry.Grains.Tests.Spatial;

namespace Registry.Grains.Tests.Boundaries;

/// <summary>The plain rules of a boundary line's geometry and a marker's position, on the shipped province outlines
/// and the province lines derived from the same arcs.</summary>
public sealed class BoundaryLineRulesTests
{
    private static Geometry Outline(string code) => ReferenceGeometry.Provinces.Single(p => p.Code == code).Geometry;

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;

    [Fact]
    public void EnsureFollowsCommonBoundary_EveryRealLineBetweenTwoProvinces_IsAccepted()
    {
        Assert.True(BoundaryData.Lines.Count > 20);
        foreach (var line in BoundaryData.Lines)
        {
            var share = BoundaryLineRules.ShareOnCommonBoundary(line.Geometry, Outline(line.DivisionA),
                Outline(line.DivisionB));
            Assert.True(share > 0.99, $"{line.Number}: {share:P2}");
            BoundaryLineRules.EnsureFollowsCommonBoundary(line.Geometry, line.DivisionA, Outline(line.DivisionA),
                line.DivisionB, Outline(line.DivisionB));
        }
    }

    [Fact]
    public void EnsureFollowsCommonBoundary_BeijingAndGuangdong_AreNotAdjacent()
    {
        var beijing = ReferenceGeometry.Provinces.Single(p => p.Name.StartsWith("北京", StringComparison.Ordinal));
        var guangdong = ReferenceGeometry.Provinces.Single(p => p.Name.StartsWith("广东", StringComparison.Ordinal));
        var someLine = BoundaryData.Lines.First(l => l.DivisionA == beijing.Code || l.DivisionB == beijing.Code);

        Assert.Equal("boundary-line-divisions-not-adjacent", Rule(() => BoundaryLineRules.EnsureFollowsCommonBoundary(
            someLine.Geometry, beijing.Code, beijing.Geometry, guangdong.Code, guangdong.Geometry)));
    }

    [Fact]
    public void EnsureFollowsCommonBoundary_TheLineOfAnotherPair_IsOffTheCommonBoundary()
    {
        // Two real lines of disjoint pairs of adjacent provinces: each pair's outlines touch, the other line is far.
        var first = BoundaryData.Lines[0];
        var other = BoundaryData.Lines.First(l => new[] { l.DivisionA, l.DivisionB }
            .Intersect([first.DivisionA, first.DivisionB]).Count() == 0);

        Assert.True(BoundaryLineRules.ShareOnCommonBoundary(other.Geometry, Outline(first.DivisionA),
            Outline(first.DivisionB)) < 0.1);
        Assert.Equal("boundary-line-off-common-boundary", Rule(() => BoundaryLineRules.EnsureFollowsCommonBoundary(
            other.Geometry, first.DivisionA, Outline(first.DivisionA), first.DivisionB, Outline(first.DivisionB))));
    }

    [Fact]
    public void EnsureSimple_RealLineRunBackOverItself_IsNotSimpleThoughItFollowsTheBoundary()
    {
        var line = BoundaryData.Lines[0];
        var part = (LineString)line.Geometry.GetGeometryN(0);
        var there = part.Coordinates;
        var thereAndBack = part.Factory.CreateLineString([.. there, .. there.Reverse().Skip(1).Take(there.Length / 2)]);

        BoundaryLineRules.EnsureSimple(line.Geometry);
        Assert.Equal("boundary-line-not-simple", Rule(() => BoundaryLineRules.EnsureSimple(thereAndBack)));
        Assert.True(BoundaryLineRules.ShareOnCommonBoundary(thereAndBack, Outline(line.DivisionA),
            Outline(line.DivisionB)) > 0.99);
    }

    [Fact]
    public void EnsureMarkerNotMoved_SamePositionOrNoneIsAcceptedAndAnotherIsMarkerPositionFixed()
    {
        var (a, b) = (BoundaryData.Lines[0].Junctions[0].Point, BoundaryData.Lines[1].Junctions[0].Point);

        BoundaryRules.EnsureMarkerNotMoved("m", a.X, a.Y, null, null);
        BoundaryRules.EnsureMarkerNotMoved("m", a.X, a.Y, a.X, a.Y);
        Assert.Equal("marker-position-fixed", Rule(() => BoundaryRules.EnsureMarkerNotMoved("m", a.X, a.Y, b.X, b.Y)));
        Assert.Equal("marker-position-fixed", Rule(() => BoundaryRules.EnsureMarkerNotMoved("m", a.X, a.Y, b.X, null)));
    }
}
