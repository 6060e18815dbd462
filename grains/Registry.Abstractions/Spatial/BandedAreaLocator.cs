using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// Whether a point is inside an area, by counting crossings of a ray to the east with the area's segments, which are
/// bucketed into horizontal bands so a query looks only at the segments of its band (flat arrays, no allocation).
/// A point within <see cref="Near"/> of a segment is decided by NetTopologySuite's exact
/// <see cref="IndexedPointInAreaLocator"/> instead, so points on a boundary are still "not inside" exactly as in
/// OGC/PostGIS semantics, and rounding can never flip an answer. Immutable once built; thread-safe.
/// </summary>
internal sealed class BandedAreaLocator
{
    /// <summary>Closer than this (degrees, ~1e-4 mm) to a segment, the exact locator decides.</summary>
    public const double Near = 1e-9;

    private readonly Geometry area;
    private readonly double[] segments;
    private readonly int[] bandStarts;
    private readonly int[] bandSegments;
    private readonly double minY;
    private readonly double bandHeight;
    private readonly int bands;
    private IndexedPointInAreaLocator? exact;

    public BandedAreaLocator(Geometry area)
    {
        this.area = area;
        var coordinates = new List<double>();
        foreach (var ring in NetTopologySuite.Geometries.Utilities.LinearComponentExtracter.GetLines(area)
                     .Cast<LineString>())
        {
            var sequence = ring.CoordinateSequence;
            for (var i = 1; i < sequence.Count; i++)
            {
                coordinates.AddRange([sequence.GetX(i - 1), sequence.GetY(i - 1), sequence.GetX(i), sequence.GetY(i)]);
            }
        }

        segments = [.. coordinates];
        var count = segments.Length / 4;
        var envelope = area.EnvelopeInternal;
        minY = envelope.MinY;
        bands = Math.Clamp(count / 4, 1, 256);
        bandHeight = Math.Max(envelope.Height / bands, double.Epsilon);
        var perBand = new List<int>[bands];
        for (var b = 0; b < bands; b++)
        {
            perBand[b] = [];
        }

        for (var s = 0; s < count; s++)
        {
            var (low, high) = (Math.Min(segments[4 * s + 1], segments[4 * s + 3]),
                Math.Max(segments[4 * s + 1], segments[4 * s + 3]));
            for (var b = Band(low); b <= Band(high); b++)
            {
                perBand[b].Add(s);
            }
        }

        bandStarts = new int[bands + 1];
        for (var b = 0; b < bands; b++)
        {
            bandStarts[b + 1] = bandStarts[b] + perBand[b].Count;
        }

        bandSegments = perBand.SelectMany(list => list).ToArray();
    }

    /// <summary>True when the point is in the area's interior (false on its boundary or outside).</summary>
    public bool ContainsInInterior(double x, double y) => Locate(x, y) == Location.Interior;

    /// <summary>Where the point lies: in the interior, on the boundary (exactly, as the exact locator decides) or
    /// outside.</summary>
    public Location Locate(double x, double y)
    {
        var band = Band(y);
        var crossings = 0;
        for (var i = bandStarts[band]; i < bandStarts[band + 1]; i++)
        {
            var s = 4 * bandSegments[i];
            var (x1, y1, x2, y2) = (segments[s], segments[s + 1], segments[s + 2], segments[s + 3]);
            if (y1 > y != y2 > y)
            {
                var crossing = x1 + (y - y1) * (x2 - x1) / (y2 - y1);
                if (Math.Abs(crossing - x) <= Near)
                {
                    return Exact(x, y);
                }

                if (crossing > x)
                {
                    crossings++;
                }
            }
            else if (Math.Abs(y1 - y) <= Near || Math.Abs(y2 - y) <= Near)
            {
                // Level with a vertex or along a horizontal segment: let the exact locator decide.
                if (x <= Math.Max(x1, x2) + Near && x >= Math.Min(x1, x2) - Near)
                {
                    return Exact(x, y);
                }
            }
        }

        return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
    }

    private int Band(double y) => Math.Clamp((int)((y - minY) / bandHeight), 0, bands - 1);

    private Location Exact(double x, double y) =>
        (exact ??= new IndexedPointInAreaLocator(area)).Locate(new Coordinate(x, y));
}
