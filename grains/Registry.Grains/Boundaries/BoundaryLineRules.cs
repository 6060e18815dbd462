using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>
/// What a boundary line's geometry must be (Administrative Boundary Management Regulations 2002: a line separates two
/// adjacent divisions): a simple line, and one that follows the common boundary of the two divisions' recorded
/// geometries. Pure; thread-safe.
/// </summary>
/// <remarks>
/// The tolerance is <see cref="ToleranceMetres"/> = 1 km for at least <see cref="MinimumShareOnCommonBoundary"/> =
/// 90 % of the line's length. The recorded division outlines are small-scale map data (the shipped outlines have a
/// vertex every few hundred metres to a few kilometres), so a surveyed line departs from them by hundreds of metres;
/// a line of the wrong pair, shifted or with swapped coordinates lies tens of kilometres or more away. The 10 % left
/// over lets stretches of a line follow a river course the outlines have not caught up with.
/// </remarks>
public static class BoundaryLineRules
{
    public const double ToleranceMetres = 1_000;
    public const double MinimumShareOnCommonBoundary = 0.9;

    /// <summary>The line is measured in pieces of at most this length (a quarter of the tolerance).</summary>
    private const double PieceMetres = ToleranceMetres / 4;

    /// <summary>A line crosses or overlaps itself (OGC simple): refused with <c>boundary-line-not-simple</c>.</summary>
    public static void EnsureSimple(Geometry line)
    {
        if (!line.IsSimple)
        {
            throw DomainException.Violation("boundary-line-not-simple",
                "A boundary line must not cross or run back over itself (an OGC simple line); check the order of " +
                "its vertices.");
        }
    }

    /// <summary>
    /// The two divisions' geometries must touch (within the tolerance), else <c>boundary-line-divisions-not-adjacent</c>;
    /// the line must lie within the tolerance of both outlines for the required share of its length, else
    /// <c>boundary-line-off-common-boundary</c>.
    /// </summary>
    public static void EnsureFollowsCommonBoundary(Geometry line, string divisionA, Geometry areaA, string divisionB,
        Geometry areaB)
    {
        var toA = new IndexedFacetDistance(areaA);
        var toB = new IndexedFacetDistance(areaB);
        if (Gap(areaA, areaB, toA) > ToleranceMetres)
        {
            throw DomainException.Violation("boundary-line-divisions-not-adjacent",
                $"{divisionA} and {divisionB} do not touch (their recorded outlines are more than " +
                $"{ToleranceMetres:0} m apart): a boundary line lies between two adjacent divisions.");
        }

        var share = ShareOnCommonBoundary(line, toA, toB);
        if (share < MinimumShareOnCommonBoundary)
        {
            throw DomainException.Violation("boundary-line-off-common-boundary",
                $"Only {share:P1} of the line lies within {ToleranceMetres:0} m of the common boundary of " +
                $"{divisionA} and {divisionB}; at least {MinimumShareOnCommonBoundary:P0} must. Check the divisions " +
                "and that positions are [longitude, latitude].");
        }
    }

    /// <summary>The share (0-1) of the line's length within the tolerance of both outlines.</summary>
    public static double ShareOnCommonBoundary(Geometry line, Geometry areaA, Geometry areaB) =>
        ShareOnCommonBoundary(line, new IndexedFacetDistance(areaA), new IndexedFacetDistance(areaB));

    private static double ShareOnCommonBoundary(Geometry line, IndexedFacetDistance toA, IndexedFacetDistance toB)
    {
        var total = 0.0;
        var near = 0.0;
        foreach (var part in NetTopologySuite.Geometries.Utilities.LinearComponentExtracter.GetLines(line)
                     .Cast<LineString>())
        {
            var points = part.CoordinateSequence;
            for (var i = 1; i < points.Count; i++)
            {
                var (x0, y0, x1, y1) = (points.GetX(i - 1), points.GetY(i - 1), points.GetX(i), points.GetY(i));
                var length = Geodesy.DistanceMetres(x0, y0, x1, y1);
                var pieces = Math.Max(1, (int)Math.Ceiling(length / PieceMetres));
                for (var k = 0; k < pieces; k++)
                {
                    var t = (k + 0.5) / pieces;
                    var middle = Wgs84.Point(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
                    if (Within(middle, toA) && Within(middle, toB))
                    {
                        near += length / pieces;
                    }
                }

                total += length;
            }
        }

        return total == 0 ? 0 : near / total;
    }

    /// <summary>
    /// Whether a point lies within the tolerance of an outline: its nearest outline point in degrees, measured
    /// geodesically (an upper bound of the true distance, exact enough at this scale).
    /// </summary>
    private static bool Within(Point point, IndexedFacetDistance outline)
    {
        var nearest = outline.NearestPoints(point);
        return Geodesy.DistanceMetres(nearest[0], nearest[1]) <= ToleranceMetres;
    }

    private static double Gap(Geometry areaA, Geometry areaB, IndexedFacetDistance toA)
    {
        // Far apart boxes need no nearest-point search (one degree is at most 111.7 km on the ground, and at least
        // 111.3 km along a meridian, so boxes more than 0.01 degree apart in latitude are farther than 1 km).
        var a = areaA.EnvelopeInternal;
        var b = areaB.EnvelopeInternal;
        var latitudeGap = Math.Max(0, Math.Max(b.MinY - a.MaxY, a.MinY - b.MaxY));
        if (latitudeGap > 0.01)
        {
            return latitudeGap * 111_000;
        }

        var nearest = toA.NearestPoints(areaB);
        return Geodesy.DistanceMetres(nearest[0], nearest[1]);
    }
}
