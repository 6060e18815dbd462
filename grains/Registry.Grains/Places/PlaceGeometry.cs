using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.LinearReferencing;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Places;

/// <summary>
/// Location geometry of place names: WKB in, SRID 4326 (lon/lat, CGCS2000 ~ WGS84) point, line or polygon, valid
/// under NetTopologySuite's validity rules, coordinates in range. Also the great-circle distance and the side of a
/// street line. Pure; thread-safe (the readers are created per call).
/// </summary>
public static class PlaceGeometry
{
    public const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>The system's one lon/lat factory (<see cref="Wgs84.Factory"/>).</summary>
    public static GeometryFactory Factory => Wgs84.Factory;

    /// <summary>Reads and validates a location; throws a 400 on field <paramref name="field"/> naming the rule.</summary>
    public static Geometry Read(byte[]? wkb, string field = "geometry")
    {
        if (wkb is null || wkb.Length == 0)
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        Geometry geometry;
        try
        {
            geometry = Wgs84.FromWkb(wkb);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or IOException or InvalidOperationException)
        {
            throw DomainException.Invalid("geometry-invalid", field, "The geometry could not be read.");
        }

        if (geometry is not (Point or LineString or Polygon))
        {
            throw DomainException.Invalid("geometry-type", field,
                $"A location is a Point, a LineString or a Polygon, not a {geometry.GeometryType}.");
        }

        if (geometry.IsEmpty)
        {
            throw DomainException.Invalid("geometry-empty", field, "The geometry has no coordinates.");
        }

        if (geometry.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180
                                          || c.Y is < -90 or > 90))
        {
            throw DomainException.Invalid("geometry-coordinates", field,
                "Coordinates are longitude (-180..180) then latitude (-90..90), in degrees.");
        }

        if (!geometry.IsValid)
        {
            throw DomainException.Invalid("geometry-invalid", field,
                "The geometry is not valid (e.g. a self-intersecting or unclosed ring, or a line of one point).");
        }

        geometry.SRID = Wgs84.Srid;
        return geometry;
    }

    /// <summary>The share of a line's length, or of a polygon's area, that must lie in the division's outline: the
    /// outlines are simplified map outlines (cn-atlas 2023), so a street along a boundary or a park across a
    /// simplified edge still fits; a point must lie in the outline (its boundary included).</summary>
    public const double MinShareInside = 0.9;

    /// <summary>
    /// Refuses (422 <c>geometry-outside-division</c>) a location that does not lie in the outline of the division
    /// it is recorded under (or of that division's nearest ancestor that has an outline, named by
    /// <paramref name="division"/>): a point outside it, a line or polygon less than <see cref="MinShareInside"/> of
    /// whose length or area lies inside. An outline that is not valid (5 of the shipped prefecture outlines
    /// self-intersect) is repaired for the test, never stored.
    /// </summary>
    public static void CheckWithin(Geometry location, Geometry outline, DivisionSummary division)
    {
        var area = outline.IsValid ? outline : NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(outline);
        var inside = location switch
        {
            Point point => area.Covers(point),
            LineString line => area.Covers(line) || area.Intersection(line).Length >= MinShareInside * line.Length,
            _ => area.Covers(location) || area.Intersection(location).Area >= MinShareInside * location.Area,
        };
        if (!inside)
        {
            throw DomainException.Violation("geometry-outside-division",
                $"The location lies outside {division.Name} ({division.Code}), the division it is recorded under or its " +
                $"nearest ancestor with an outline: a point must lie in it, at least {MinShareInside:P0} of a line or polygon.");
        }
    }

    /// <summary>The geometry as WKB, as the rest of the system writes it (<see cref="Wgs84.ToWkb"/>).</summary>
    public static byte[] Write(Geometry geometry) => Wgs84.ToWkb(geometry);

    /// <summary>A point on the geometry: the point itself, the line's middle vertex, the polygon's interior point.</summary>
    public static Coordinate Anchor(Geometry geometry) => geometry switch
    {
        Point point => point.Coordinate,
        LineString line => line.GetCoordinateN(line.NumPoints / 2),
        _ => geometry.InteriorPoint.Coordinate,
    };

    /// <summary>Great-circle (haversine) distance in metres between two lon/lat points.</summary>
    public static double DistanceMeters(double lon1, double lat1, double lon2, double lat2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var (sinLat, sinLon) = (Math.Sin(dLat / 2), Math.Sin(dLon / 2));
        var a = sinLat * sinLat + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * sinLon * sinLon;
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// The side of <paramref name="line"/> the point lies on, facing from the line's first vertex: the sign of the
    /// cross product of the nearest segment's direction with the vector to the point (longitude scaled by the cosine
    /// of the latitude, which does not change the sign). Null when the point lies on the line. Also the distance
    /// from the point to the line in metres.
    /// </summary>
    public static (StreetSide? Side, double DistanceMeters) SideOf(LineString line, Coordinate point)
    {
        var scale = Math.Cos(point.Y * Math.PI / 180);
        var best = double.MaxValue;
        var cross = 0.0;
        var nearest = point;
        for (var i = 0; i + 1 < line.NumPoints; i++)
        {
            var a = line.GetCoordinateN(i);
            var b = line.GetCoordinateN(i + 1);
            var segment = new LineSegment(new Coordinate(a.X * scale, a.Y), new Coordinate(b.X * scale, b.Y));
            var scaled = new Coordinate(point.X * scale, point.Y);
            var distance = segment.Distance(scaled);
            if (distance < best)
            {
                best = distance;
                cross = (segment.P1.X - segment.P0.X) * (scaled.Y - segment.P0.Y)
                        - (segment.P1.Y - segment.P0.Y) * (scaled.X - segment.P0.X);
                var closest = segment.ClosestPoint(scaled);
                nearest = new Coordinate(closest.X / scale, closest.Y);
            }
        }

        var meters = DistanceMeters(point.X, point.Y, nearest.X, nearest.Y);
        return (cross > 0 ? StreetSide.Left : cross < 0 ? StreetSide.Right : null, meters);
    }

    /// <summary>
    /// How far along <paramref name="line"/> from its first vertex (the numbering origin) the point's nearest point on
    /// the line lies, in degrees of the line's own length: comparable between points of one line only.
    /// </summary>
    public static double PositionAlong(LineString line, Coordinate point) => new LengthIndexedLine(line).Project(point);
}
