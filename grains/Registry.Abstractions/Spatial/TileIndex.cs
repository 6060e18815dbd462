using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// The queryable form of a tile: an STRtree over the entries' envelopes, built once and then only queried, with an
/// indexed point-in-area locator prepared for every area. Immutable after construction and thread-safe (NTS's STRtree
/// is read-only once built; <see cref="IndexedPointInAreaLocator"/> is documented thread-safe).
/// </summary>
public sealed class TileIndex
{
    private readonly STRtree<IndexedEntry> tree = new();

    public TileIndex(TileSnapshot snapshot)
    {
        Snapshot = snapshot;
        var entries = new List<IndexedEntry>(snapshot.Entries.Count);
        foreach (var entry in snapshot.Entries)
        {
            var geometry = Wgs84.FromWkb(entry.Wkb);
            if (geometry.IsEmpty)
            {
                continue;
            }

            var locator = geometry is IPolygonal ? new IndexedPointInAreaLocator(geometry) : null;
            var indexed = new IndexedEntry(entry, geometry, locator);
            entries.Add(indexed);
            tree.Insert(geometry.EnvelopeInternal, indexed);
        }

        tree.Build();
        Entries = entries;
    }

    public TileSnapshot Snapshot { get; }

    public IReadOnlyList<IndexedEntry> Entries { get; }

    /// <summary>
    /// Adds to <paramref name="hits"/> the area entries in force on <paramref name="asOf"/> whose interior contains
    /// the position (a position on a boundary is in neither area, as with OGC/PostGIS ST_Contains).
    /// </summary>
    public void QueryPoint(double lon, double lat, DateOnly asOf, ICollection<TileEntry> hits)
    {
        if (Entries.Count == 0)
        {
            return;
        }

        var visitor = new PointVisitor(new Coordinate(lon, lat), asOf, hits);
        tree.Query(new Envelope(lon, lon, lat, lat), visitor);
    }

    /// <summary>
    /// The entries whose geometry intersects the box and whose validity overlaps [<paramref name="start"/>,
    /// <paramref name="end"/>] (null: open).
    /// </summary>
    public IEnumerable<IndexedEntry> QueryBox(BoundingBox box, DateOnly? start, DateOnly? end)
    {
        if (Entries.Count == 0)
        {
            yield break;
        }

        var envelope = box.ToEnvelope();
        var window = Wgs84.Factory.ToGeometry(envelope);
        foreach (var candidate in tree.Query(envelope))
        {
            if (candidate.Entry.InForceDuring(start, end) && window.Intersects(candidate.Geometry))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>An entry with its parsed geometry.</summary>
    public sealed record IndexedEntry(TileEntry Entry, Geometry Geometry, IPointOnGeometryLocator? Locator);

    private sealed class PointVisitor(Coordinate position, DateOnly asOf, ICollection<TileEntry> hits)
        : IItemVisitor<IndexedEntry>
    {
        public void VisitItem(IndexedEntry item)
        {
            if (item.Locator is not null && item.Entry.InForceOn(asOf) &&
                item.Locator.Locate(position) == Location.Interior)
            {
                hits.Add(item.Entry);
            }
        }
    }
}
