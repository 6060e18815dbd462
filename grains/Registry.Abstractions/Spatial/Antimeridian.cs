using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// Geometry that crosses the antimeridian, cut there as RFC 7946 section 3.1.9 asks. GeoJSON edges are straight lines
/// in longitude/latitude, so an edge from 170 to -170 literally runs 340 degrees west; every client that draws one
/// means the 20 degrees across 180. Such an edge is read the short way and the geometry is cut into parts that each
/// stay within [-180, 180], so it is measured (<see cref="Geodesy"/>) and queried (NetTopologySuite, PostGIS, GDAL)
/// as the shape the client meant. Edges whose two ends both lie on the antimeridian (a parallel around the whole
/// world, the edge of a polar cap) or both on a pole are taken as written. Pure; thread-safe.
/// </summary>
public static class Antimeridian
{
    /// <summary>True when an edge of a linear or polygonal part spans more than 180 degrees of longitude (other than
    /// the edges taken as written).</summary>
    public static bool Crosses(Geometry geometry)
    {
        foreach (var line in LinearComponentExtracter.GetLines(geometry).Cast<LineString>())
        {
            var points = line.CoordinateSequence;
            for (var i = 1; i < points.Count; i++)
            {
                if (IsCrossing(points.GetX(i - 1), points.GetY(i - 1), points.GetX(i), points.GetY(i)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The geometry cut at the antimeridian (a MultiPolygon or MultiLineString), or the same instance when nothing
    /// crosses it or it cannot be cut: a ring that crosses the antimeridian an odd number of times goes around a pole
    /// and does not say which side is meant; it stays as it is, for <see cref="GeometryRules.Check"/> to refuse.
    /// </summary>
    public static Geometry Split(Geometry geometry)
    {
        if (geometry is not (Polygon or MultiPolygon or LineString or MultiLineString) || !Crosses(geometry))
        {
            return geometry;
        }

        var factory = geometry.Factory;
        var parts = new List<Geometry>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            Geometry? unwrapped = part is Polygon polygon ? Unwrap(polygon) : Unwrap((LineString)part);
            if (unwrapped is null)
            {
                return geometry;
            }

            parts.AddRange(Cut(unwrapped));
        }

        return geometry is Polygon or MultiPolygon
            ? factory.CreateMultiPolygon(parts.OfType<Polygon>().ToArray())
            : factory.CreateMultiLineString(parts.OfType<LineString>().ToArray());
    }

    private static bool IsCrossing(double x1, double y1, double x2, double y2) =>
        Math.Abs(x2 - x1) > 180 &&
        !(Math.Abs(x1) == 180 && Math.Abs(x2) == 180) &&
        !(Math.Abs(y1) == 90 && Math.Abs(y2) == 90);

    /// <summary>Longitudes made continuous along each ring (reading every crossing edge the short way), holes
    /// shifted by whole turns onto the shell; null for a ring that does not close (it goes around a pole).</summary>
    private static Polygon? Unwrap(Polygon polygon)
    {
        if (Unwrap(polygon.Shell.Coordinates) is not { } shell)
        {
            return null;
        }

        var factory = polygon.Factory;
        var shellCentre = Centre(shell);
        var holes = new List<LinearRing>();
        foreach (var hole in polygon.Holes)
        {
            if (Unwrap(hole.Coordinates) is not { } ring)
            {
                return null;
            }

            var shift = Math.Round((shellCentre - Centre(ring)) / 360) * 360;
            holes.Add(factory.CreateLinearRing(ring.Select(c => new Coordinate(c.X + shift, c.Y)).ToArray()));
        }

        return factory.CreatePolygon(factory.CreateLinearRing(shell), holes.ToArray());
    }

    private static double Centre(Coordinate[] ring) => (ring.Min(c => c.X) + ring.Max(c => c.X)) / 2;

    private static LineString? Unwrap(LineString line) =>
        Unwrap(line.Coordinates, closed: false) is { } points ? line.Factory.CreateLineString(points) : null;

    private static Coordinate[]? Unwrap(Coordinate[] points, bool closed = true)
    {
        var result = new Coordinate[points.Length];
        result[0] = new Coordinate(points[0].X, points[0].Y);
        for (var i = 1; i < points.Length; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            var step = b.X - a.X;
            if (IsCrossing(a.X, a.Y, b.X, b.Y))
            {
                step -= Math.Round(step / 360) * 360;
            }

            result[i] = new Coordinate(result[i - 1].X + step, b.Y);
        }

        if (closed && Math.Abs(result[^1].X - result[0].X) > 1e-9)
        {
            return null;
        }

        if (closed)
        {
            result[^1] = result[0].Copy();
        }

        return result;
    }

    /// <summary>The parts of an unwrapped geometry in each whole turn of longitude, shifted back into
    /// [-180, 180].</summary>
    private static IEnumerable<Geometry> Cut(Geometry unwrapped)
    {
        var envelope = unwrapped.EnvelopeInternal;
        var factory = unwrapped.Factory;
        for (var turn = (int)Math.Floor((envelope.MinX + 180) / 360); turn <= (int)Math.Floor((envelope.MaxX + 180) / 360);
             turn++)
        {
            var west = -180 + 360.0 * turn;
            var window = factory.ToGeometry(new Envelope(west, west + 360, -90, 90));
            var piece = OverlayNGRobust.Overlay(unwrapped, window, SpatialFunction.Intersection);
            if (piece.IsEmpty)
            {
                continue;
            }

            var shifted = piece.Copy();
            shifted.Apply(new Shift(-360.0 * turn));
            shifted.GeometryChanged();
            for (var i = 0; i < shifted.NumGeometries; i++)
            {
                var part = shifted.GetGeometryN(i);
                if (part is Polygon or LineString && !part.IsEmpty && (unwrapped is Polygon) == (part is Polygon))
                {
                    yield return part;
                }
            }
        }
    }

    private sealed class Shift(double dx) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, seq.GetX(i) + dx);
            }
        }
    }
}
