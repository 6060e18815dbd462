using NetTopologySuite.Geometries;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// Distances, lengths and areas in metres on the WGS84 ellipsoid. Distances use Vincenty's inverse formula (1975),
/// accurate to well under a millimetre; for nearly antipodal points, where it does not converge, the haversine
/// distance on the mean-radius sphere (R = 6,371,008.8 m) is used (error under 0.5 %). Areas are computed on the
/// authalic sphere (R = 6,371,007.2 m, equal in area to the ellipsoid) with latitudes converted to authalic
/// latitudes, summing edges as Chamberlain &amp; Duquette (2007); error well under 0.1 % for divisions. Rings are read
/// as GeoJSON draws them (RFC 7946: straight lines in longitude/latitude, never wrapped across the antimeridian, which
/// <see cref="Antimeridian"/> cuts beforehand), so the area is the one NetTopologySuite's point-in-polygon tests
/// agree with: a ring along a pole or around the world at ±180 (Antarctica, a polar cap, the whole world) has its
/// full area.
/// Pure functions; thread-safe.
/// </summary>
public static class Geodesy
{
    public const double SemiMajorAxis = 6_378_137.0;
    public const double Flattening = 1 / 298.257223563;
    public const double MeanRadius = 6_371_008.8;
    public const double AuthalicRadius = 6_371_007.2;

    private const double SemiMinorAxis = SemiMajorAxis * (1 - Flattening);
    private const double Degrees = Math.PI / 180;
    private static readonly double Eccentricity = Math.Sqrt(Flattening * (2 - Flattening));
    private static readonly double AuthalicPole = AuthalicQ(1);

    /// <summary>Geodesic distance in metres between two WGS84 positions (degrees).</summary>
    public static double DistanceMetres(double lon1, double lat1, double lon2, double lat2) =>
        Vincenty(lon1, lat1, lon2, lat2) ?? Haversine(lon1, lat1, lon2, lat2);

    public static double DistanceMetres(Coordinate a, Coordinate b) => DistanceMetres(a.X, a.Y, b.X, b.Y);

    /// <summary>Length in metres of every linear component (rings count for polygons).</summary>
    public static double LengthMetres(Geometry geometry)
    {
        var total = 0.0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            if (part is Polygon polygon)
            {
                total += LengthMetres(polygon.ExteriorRing);
                foreach (var hole in polygon.InteriorRings)
                {
                    total += LengthMetres(hole);
                }
            }
            else if (part is LineString line)
            {
                var points = line.CoordinateSequence;
                for (var j = 1; j < points.Count; j++)
                {
                    total += DistanceMetres(points.GetX(j - 1), points.GetY(j - 1), points.GetX(j), points.GetY(j));
                }
            }
        }

        return total;
    }

    /// <summary>Area in square metres of the polygonal parts of <paramref name="geometry"/>.</summary>
    public static double AreaSquareMetres(Geometry geometry)
    {
        var total = 0.0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon polygon)
            {
                total += Math.Abs(RingArea(polygon.ExteriorRing.CoordinateSequence));
                foreach (var hole in polygon.InteriorRings)
                {
                    total -= Math.Abs(RingArea(hole.CoordinateSequence));
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Distance in metres from a position to the nearest point of a linear or polygonal geometry's lines. The nearest
    /// point of each segment is found in a local equirectangular projection centred on the position (exact enough at
    /// the distances a boundary tolerance is about), then measured geodesically.
    /// </summary>
    public static double DistanceToLinesMetres(double lon, double lat, Geometry lines)
    {
        var scaleX = Math.Cos(lat * Degrees);
        var best = double.PositiveInfinity;
        var bestLon = lon;
        var bestLat = lat;
        foreach (var line in NetTopologySuite.Geometries.Utilities.LinearComponentExtracter.GetLines(lines)
                     .Cast<LineString>())
        {
            var points = line.CoordinateSequence;
            if (points.Count == 1)
            {
                Consider(points.GetX(0), points.GetY(0));
                continue;
            }

            for (var j = 1; j < points.Count; j++)
            {
                var ax = Wrap(points.GetX(j - 1) - lon) * scaleX;
                var ay = points.GetY(j - 1) - lat;
                var bx = Wrap(points.GetX(j) - lon) * scaleX;
                var by = points.GetY(j) - lat;
                var dx = bx - ax;
                var dy = by - ay;
                var lengthSquared = dx * dx + dy * dy;
                var t = lengthSquared == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / lengthSquared, 0, 1);
                var px = ax + t * dx;
                var py = ay + t * dy;
                var planar = px * px + py * py;
                if (planar < best)
                {
                    best = planar;
                    bestLon = lon + (scaleX == 0 ? 0 : px / scaleX);
                    bestLat = lat + py;
                }
            }
        }

        return double.IsPositiveInfinity(best) ? double.PositiveInfinity : DistanceMetres(lon, lat, bestLon, bestLat);

        void Consider(double x, double y)
        {
            var px = Wrap(x - lon) * scaleX;
            var py = y - lat;
            var planar = px * px + py * py;
            if (planar < best)
            {
                best = planar;
                bestLon = x;
                bestLat = y;
            }
        }
    }

    /// <summary>
    /// A box in degrees containing every position within <paramref name="metres"/> of the given one (generous near
    /// the poles: it then spans all longitudes).
    /// </summary>
    public static BoundingBox BoxAround(double lon, double lat, double metres)
    {
        // One degree of latitude is at least 110.5 km anywhere; longitude degrees shrink with cos(latitude).
        var dLat = metres / 110_500.0;
        var minLat = Math.Max(-90, lat - dLat);
        var maxLat = Math.Min(90, lat + dLat);
        var widest = Math.Max(Math.Abs(minLat), Math.Abs(maxLat));
        var cos = Math.Cos(widest * Degrees);
        var dLon = cos <= 1e-9 ? 360 : metres / (111_319.0 * cos);
        return dLon >= 180
            ? new BoundingBox(-180, minLat, 180, maxLat)
            : new BoundingBox(lon - dLon, minLat, lon + dLon, maxLat);
    }

    private static double Wrap(double degrees) =>
        degrees > 180 ? degrees - 360 : degrees < -180 ? degrees + 360 : degrees;

    private static double? Vincenty(double lon1, double lat1, double lon2, double lat2)
    {
        var l = Wrap(lon2 - lon1) * Degrees;
        var u1 = Math.Atan((1 - Flattening) * Math.Tan(lat1 * Degrees));
        var u2 = Math.Atan((1 - Flattening) * Math.Tan(lat2 * Degrees));
        var sinU1 = Math.Sin(u1);
        var cosU1 = Math.Cos(u1);
        var sinU2 = Math.Sin(u2);
        var cosU2 = Math.Cos(u2);

        var lambda = l;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var sinLambda = Math.Sin(lambda);
            var cosLambda = Math.Cos(lambda);
            var a = cosU2 * sinLambda;
            var b = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            var sinSigma = Math.Sqrt(a * a + b * b);
            if (sinSigma == 0)
            {
                return 0;
            }

            var cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            var sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            var cosSqAlpha = 1 - sinAlpha * sinAlpha;
            var cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha;
            var c = Flattening / 16 * cosSqAlpha * (4 + Flattening * (4 - 3 * cosSqAlpha));
            var previous = lambda;
            lambda = l + (1 - c) * Flattening * sinAlpha *
                (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - previous) < 1e-12)
            {
                var uSq = cosSqAlpha * (SemiMajorAxis * SemiMajorAxis - SemiMinorAxis * SemiMinorAxis) /
                    (SemiMinorAxis * SemiMinorAxis);
                var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
                var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
                var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 *
                    (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                     bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
                return SemiMinorAxis * bigA * (sigma - deltaSigma);
            }
        }

        return null;
    }

    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        var dLat = (lat2 - lat1) * Degrees;
        var dLon = Wrap(lon2 - lon1) * Degrees;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
            Math.Cos(lat1 * Degrees) * Math.Cos(lat2 * Degrees) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * MeanRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double RingArea(CoordinateSequence ring)
    {
        var n = ring.Count;
        if (n < 4)
        {
            return 0;
        }

        // The ring is closed: the last point repeats the first, so index modulo (n - 1).
        var m = n - 1;
        var sum = 0.0;
        for (var i = 0; i < m; i++)
        {
            var previous = ring.GetX((i + m - 1) % m);
            var next = ring.GetX((i + 1) % m);
            sum += (next - previous) * Degrees * Math.Sin(AuthalicLatitude(ring.GetY(i)));
        }

        return sum * AuthalicRadius * AuthalicRadius / 2;
    }

    private static double AuthalicLatitude(double latitudeDegrees)
    {
        var q = AuthalicQ(Math.Sin(latitudeDegrees * Degrees));
        return Math.Asin(Math.Clamp(q / AuthalicPole, -1, 1));
    }

    private static double AuthalicQ(double sinPhi)
    {
        var e = Eccentricity;
        var eSin = e * sinPhi;
        return (1 - e * e) * (sinPhi / (1 - eSin * eSin) - 1 / (2 * e) * Math.Log((1 - eSin) / (1 + eSin)));
    }
}
