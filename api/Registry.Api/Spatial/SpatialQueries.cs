using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Linemerge;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial;

/// <summary>
/// Spatial questions that are not on the hot path: records in a box, markers near a point, the boundary between two
/// divisions, adjacency. Candidates come from the cached tiles; full records from their grains. A registry division
/// counts only while it is in force on the asked date (its geometry ends when it is merged, abolished or recoded, and
/// begins no earlier than the division), as in the point query and the OGC collection.
/// </summary>
public sealed class SpatialQueries(SpatialReadCache cache, IGrainFactory grains, DivisionFactsCache facts)
{
    /// <summary>Distinct keys of the records of <paramref name="layer"/> intersecting any of the boxes whose validity
    /// overlaps [<paramref name="start"/>, <paramref name="end"/>], in key order.</summary>
    public async Task<IReadOnlyList<string>> KeysInBoxesAsync(SpatialLayer layer, IReadOnlyList<BoundingBox> boxes,
        DateOnly? start, DateOnly? end)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var box in boxes)
        {
            foreach (var tile in await cache.GetTilesAsync(layer, box))
            {
                foreach (var entry in tile.QueryBox(box, start, end))
                {
                    keys.Add(entry.Entry.RecordKey);
                }
            }
        }

        return keys.ToList();
    }

    /// <summary>The keys of <paramref name="keys"/> (division layer) whose division is in force on
    /// <paramref name="asOf"/>: reference areas, which have no registry history, are kept.</summary>
    public async Task<IReadOnlyList<string>> InForceAsync(IReadOnlyList<string> keys, DateOnly asOf)
    {
        var kept = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            if (await InForceAsync(key, asOf))
            {
                kept.Add(key);
            }
        }

        return kept;
    }

    private async ValueTask<bool> InForceAsync(string key, DateOnly asOf) =>
        !DivisionRef.IsRegistryCode(key) || await facts.GetAsync(key) is { } division && division.InForceOn(asOf);

    /// <summary>Markers within <paramref name="metres"/> of a point, nearest first, with their distances.</summary>
    public async Task<IReadOnlyList<(string Number, double Metres)>> MarkersWithinAsync(double lon, double lat,
        double metres)
    {
        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        var box = Geodesy.BoxAround(lon, lat, metres);
        foreach (var part in Split(box))
        {
            foreach (var tile in await cache.GetTilesAsync(SpatialLayer.Markers, part))
            {
                foreach (var entry in tile.QueryBox(part, null, null))
                {
                    var point = (Point)entry.Geometry;
                    var distance = Geodesy.DistanceMetres(lon, lat, point.X, point.Y);
                    if (distance <= metres)
                    {
                        found[entry.Entry.RecordKey] = distance;
                    }
                }
            }
        }

        return found.OrderBy(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (f.Key, f.Value)).ToList();
    }

    /// <summary>The <paramref name="count"/> markers nearest a point, searching ever wider circles.</summary>
    public async Task<IReadOnlyList<(string Number, double Metres)>> NearestMarkersAsync(double lon, double lat,
        int count)
    {
        const double halfCircumference = 20_037_509;
        var radius = 10_000.0;
        while (true)
        {
            var within = await MarkersWithinAsync(lon, lat, radius);
            // Every marker closer than the radius has been seen, so the nearest ones among them are the nearest.
            if (within.Count >= count || radius >= halfCircumference)
            {
                return within.Take(count).ToList();
            }

            radius = Math.Min(radius * 4, halfCircumference);
        }
    }

    /// <summary>The shared boundary of two divisions' geometries in force on a date, merged into lines.</summary>
    public async Task<(Geometry Shared, DivisionGeometryDetails A, DivisionGeometryDetails B)> SharedBoundaryAsync(
        string a, string b, DateOnly asOf)
    {
        var sides = await Task.WhenAll(grains.Get<IDivisionGeometryGrain>(a).GetAsync(asOf),
            grains.Get<IDivisionGeometryGrain>(b).GetAsync(asOf));
        var (first, second) = (sides[0], sides[1]);
        return (Shared(first.Geometry.ToGeometry(), second.Geometry.ToGeometry()), first, second);
    }

    /// <summary>Same-level divisions sharing a boundary line with <paramref name="key"/>'s geometry on a date.</summary>
    public async Task<(DivisionGeometryDetails Division, IReadOnlyList<(DivisionGeometryDetails Neighbour, double Metres)> Adjacent)>
        AdjacentAsync(string key, DateOnly asOf)
    {
        var division = await grains.Get<IDivisionGeometryGrain>(key).GetAsync(asOf);
        var geometry = division.Geometry.ToGeometry();
        var prepared = PreparedGeometryFactory.Prepare(geometry);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        var box = BoundingBox.From(geometry.EnvelopeInternal);
        foreach (var tile in await cache.GetTilesAsync(SpatialLayer.Divisions, box))
        {
            foreach (var entry in tile.QueryBox(box, asOf, asOf))
            {
                if (entry.Entry.RecordKey != key && entry.Entry.Level == division.Level &&
                    !candidates.Contains(entry.Entry.RecordKey) && await InForceAsync(entry.Entry.RecordKey, asOf) &&
                    prepared.Intersects(entry.Geometry))
                {
                    candidates.Add(entry.Entry.RecordKey);
                }
            }
        }

        // The candidates' geometries are independent reads: one round trip for all, not one after another. A
        // neighbour that ended since the facts were cached answers not-found and is left out.
        var neighbours = await Task.WhenAll(candidates.Select(c => GeometryOrNullAsync(c, asOf)));
        var adjacent = new List<(DivisionGeometryDetails, double)>();
        foreach (var neighbour in neighbours.OfType<DivisionGeometryDetails>())
        {
            var shared = Shared(geometry, neighbour.Geometry.ToGeometry());
            var metres = Geodesy.LengthMetres(shared);
            if (metres > 0)
            {
                adjacent.Add((neighbour, metres));
            }
        }

        return (division, adjacent);
    }

    private async Task<DivisionGeometryDetails?> GeometryOrNullAsync(string key, DateOnly asOf)
    {
        try
        {
            return await grains.Get<IDivisionGeometryGrain>(key).GetAsync(asOf);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Looks up a line record; null when none is recorded.</summary>
    public async Task<BoundaryLineDetails?> LineAsync(string number)
    {
        try
        {
            return await grains.Get<IBoundaryLineGrain>(number).GetAsync();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    private static Geometry Shared(Geometry a, Geometry b)
    {
        var lines = a.Boundary.Intersection(b.Boundary);
        var merger = new LineMerger();
        merger.Add(NetTopologySuite.Geometries.Utilities.LineStringExtracter.GetLines(lines));
        var merged = merger.GetMergedLineStrings().Cast<LineString>().ToArray();
        return merged.Length == 1 ? merged[0] : Wgs84.Factory.CreateMultiLineString(merged);
    }

    private static IEnumerable<BoundingBox> Split(BoundingBox box)
    {
        if (box.MinLon < -180)
        {
            yield return box with { MinLon = box.MinLon + 360, MaxLon = 180 };
            yield return box with { MinLon = -180 };
        }
        else if (box.MaxLon > 180)
        {
            yield return box with { MaxLon = 180 };
            yield return box with { MinLon = -180, MaxLon = box.MaxLon - 360 };
        }
        else
        {
            yield return box;
        }
    }
}
