using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Errors;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// What a stored geometry must be: of the kind its record holds, not empty, every coordinate a finite longitude in
/// [-180, 180] and latitude in [-90, 90], at most <see cref="MaxVertices"/> vertices, and valid under
/// NetTopologySuite's OGC validity check (no self-intersection, closed and properly nested rings). Pure; thread-safe.
/// </summary>
public static class GeometryRules
{
    public const int MaxVertices = 1_000_000;

    /// <summary>The first rule <paramref name="geometry"/> breaks for a record of <paramref name="kind"/>, or null.</summary>
    public static GeometryProblem? Check(Geometry geometry, GeometryKind kind)
    {
        var typeOk = kind switch
        {
            GeometryKind.Area => geometry is Polygon or MultiPolygon,
            GeometryKind.Line => geometry is LineString or MultiLineString,
            _ => geometry is Point,
        };
        if (!typeOk)
        {
            return new GeometryProblem("geometry-type",
                $"Expected {Expected(kind)}, got {geometry.GeometryType}.");
        }

        if (geometry.IsEmpty)
        {
            return new GeometryProblem("geometry-empty", $"The {geometry.GeometryType} has no coordinates.");
        }

        if (geometry.NumPoints > MaxVertices)
        {
            return new GeometryProblem("geometry-too-complex",
                $"The geometry has {geometry.NumPoints} vertices; at most {MaxVertices} are accepted.");
        }

        if (CheckCoordinates(geometry.Coordinates) is { } coordinateProblem)
        {
            return coordinateProblem;
        }

        if (Antimeridian.Crosses(geometry))
        {
            return new GeometryProblem("geometry-crosses-antimeridian",
                "An edge spans more than 180 degrees of longitude. Cut geometry that crosses the antimeridian into " +
                "parts on either side of it (RFC 7946, 3.1.9; the API does this for GeoJSON it is sent), and close a " +
                "ring around a pole along the pole.");
        }

        var validity = new IsValidOp(geometry);
        if (!validity.IsValid)
        {
            var error = validity.ValidationError;
            var at = error.Coordinate is { } c ? $" at ({Format(c.X)} {Format(c.Y)})" : "";
            return new GeometryProblem("geometry-invalid",
                $"The {geometry.GeometryType} is not valid (OGC simple features): {error.Message}{at}.");
        }

        return null;
    }

    /// <summary>Throws <c>DomainException.Invalid</c> naming <paramref name="field"/> when
    /// <see cref="Check"/> finds a problem.</summary>
    public static void Ensure(Geometry geometry, GeometryKind kind, string field)
    {
        if (Check(geometry, kind) is { } problem)
        {
            throw DomainException.Invalid(problem.Rule, field, problem.Message);
        }
    }

    /// <summary>
    /// How far beyond a limit (±180 longitude, ±90 latitude) a coordinate may lie and still count as on it, in degrees
    /// (about 0.1 mm): floating-point noise of datasets whose edges follow the antimeridian, e.g. 180.0000000000002.
    /// </summary>
    public const double LimitNoise = 1e-9;

    /// <summary>
    /// Snaps coordinates within <see cref="LimitNoise"/> beyond a limit onto it, then cuts geometry that crosses the
    /// antimeridian there (<see cref="Antimeridian.Split"/>). Returns the same instance when there is nothing to do;
    /// otherwise a copy. Anything farther out, or a ring around a pole that crosses the antimeridian, stays, for
    /// <see cref="Check"/> to refuse.
    /// </summary>
    public static Geometry Normalize(Geometry geometry)
    {
        if (geometry.Coordinates.Any(c => IsNoise(c.X, 180) || IsNoise(c.Y, 90)))
        {
            geometry = geometry.Copy();
            geometry.Apply(new SnapFilter());
            geometry.GeometryChanged();
        }

        return CheckCoordinates(geometry.Coordinates) is null ? Antimeridian.Split(geometry) : geometry;
    }

    /// <summary>
    /// The canonical form a record stores (NetTopologySuite's normalized form: components and rings in a fixed order
    /// and orientation, each starting at its smallest vertex), so the same shape written twice, e.g. re-imported from
    /// RFC 7946 output whose rings are re-oriented, is recognised as unchanged.
    /// </summary>
    public static Geometry Canonical(Geometry geometry) => geometry.Normalized();

    /// <summary>The rule a single longitude/latitude pair breaks, or null.</summary>
    public static GeometryProblem? CheckPosition(double lon, double lat) =>
        CheckCoordinates([new Coordinate(lon, lat)]);

    private static GeometryProblem? CheckCoordinates(IReadOnlyList<Coordinate> coordinates)
    {
        var outOfRange = false;
        var fitsSwapped = true;
        foreach (var c in coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
            {
                return new GeometryProblem("coordinate-not-finite",
                    "Every coordinate must be a finite number (no NaN or infinity).");
            }

            if (c.X is < -180 or > 180 || c.Y is < -90 or > 90)
            {
                outOfRange = true;
            }

            if (c.Y is < -180 or > 180 || c.X is < -90 or > 90)
            {
                fitsSwapped = false;
            }
        }

        if (!outOfRange)
        {
            return null;
        }

        return fitsSwapped
            ? new GeometryProblem("coordinates-swapped",
                "A latitude is outside [-90, 90] but every coordinate would fit as [latitude, longitude]: " +
                "GeoJSON positions are [longitude, latitude].")
            : new GeometryProblem("coordinate-out-of-range",
                "Longitudes must lie in [-180, 180] and latitudes in [-90, 90] (WGS84 degrees).");
    }

    private static bool IsNoise(double value, double limit) =>
        Math.Abs(value) > limit && Math.Abs(value) <= limit + LimitNoise;

    private sealed class SnapFilter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i);
                var y = seq.GetY(i);
                if (IsNoise(x, 180))
                {
                    seq.SetX(i, Math.CopySign(180, x));
                }

                if (IsNoise(y, 90))
                {
                    seq.SetY(i, Math.CopySign(90, y));
                }
            }
        }
    }

    private static string Expected(GeometryKind kind) => kind switch
    {
        GeometryKind.Area => "a Polygon or MultiPolygon",
        GeometryKind.Line => "a LineString or MultiLineString",
        _ => "a Point",
    };

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
