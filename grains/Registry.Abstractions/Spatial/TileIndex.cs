using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// The queryable form of a tile: an STRtree over the entries' envelopes, built once and then only queried; and, for
/// point queries, the areas cut again into <see cref="PointCellDegrees"/>-degree cells, each cell holding the area
/// pieces in it with a banded crossing-count locator (<see cref="BandedAreaLocator"/>, exact near boundaries through
/// NetTopologySuite's <see cref="IndexedPointInAreaLocator"/>); a piece covering its whole cell needs none. Small
/// pieces keep each point test to a few segments. Immutable after construction and thread-safe (NTS's STRtree is
/// read-only once built; the locators are immutable; the cells are built once, on the first point query).
/// </summary>
public sealed class TileIndex
{
    /// <summary>The side of a point-query cell, in degrees (a tile has 5 x 5).</summary>
    public const double PointCellDegrees = 1;

    private readonly STRtree<IndexedEntry> tree = new();
    private readonly Lazy<PointCells> cells;

    public TileIndex(TileSnapshot snapshot)
    {
        cells = new Lazy<PointCells>(() => new PointCells(snapshot.Tile, Entries!));
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
    public void QueryPoint(double lon, double lat, DateOnly asOf, ICollection<TileEntry> hits) =>
        QueryPoint(lon, lat, asOf, hits, null);

    /// <summary>
    /// As <see cref="QueryPoint(double, double, DateOnly, ICollection{TileEntry})"/>, and adds to
    /// <paramref name="onBoundary"/> the area entries in force whose boundary passes exactly through the position (a
    /// point on the common boundary of two divisions belongs to both sides).
    /// </summary>
    public void QueryPoint(double lon, double lat, DateOnly asOf, ICollection<TileEntry> hits,
        ICollection<TileEntry>? onBoundary)
    {
        if (Entries.Count > 0)
        {
            cells.Value.Query(lon, lat, asOf, hits, onBoundary);
        }
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

    /// <summary>The area pieces of each point-query cell.</summary>
    private sealed class PointCells
    {
        private readonly SpatialTiling.CellGrid grid;
        private readonly CellPiece[][] cells;

        public PointCells(TileId tile, IReadOnlyList<IndexedEntry> entries)
        {
            var extent = SpatialTiling.ExtentOf(tile.X, tile.Y);
            var side = (int)Math.Round(SpatialTiling.TileDegrees / PointCellDegrees);
            grid = new SpatialTiling.CellGrid(extent.MinX, extent.MinY, PointCellDegrees, side, side);
            var lists = Enumerable.Range(0, side * side).Select(_ => new List<CellPiece>()).ToArray();
            foreach (var entry in entries.Where(e => e.Geometry is IPolygonal))
            {
                foreach (var (x, y, piece) in grid.Split(entry.Geometry))
                {
                    var cell = grid.Widened(x, y, x, y);
                    var whole = piece is Polygon { NumInteriorRings: 0 } polygon && polygon.IsRectangle &&
                        polygon.EnvelopeInternal.Covers(cell);
                    lists[y * side + x].Add(new CellPiece(entry.Entry, piece.EnvelopeInternal,
                        whole ? null : new BandedAreaLocator(piece)));
                }
            }

            cells = lists.Select(l => l.ToArray()).ToArray();
        }

        public void Query(double lon, double lat, DateOnly asOf, ICollection<TileEntry> hits,
            ICollection<TileEntry>? onBoundary)
        {
            var pieces = cells[grid.Row(lat) * grid.Columns + grid.Column(lon)];
            foreach (var piece in pieces)
            {
                if (!piece.Envelope.Contains(lon, lat) || !piece.Entry.InForceOn(asOf))
                {
                    continue;
                }

                // A piece that is its whole (widened) cell contains every point of the cell in its interior. A piece's
                // boundary inside its cell is the record's own (the clip edges lie beyond the cell).
                var where = piece.Locator?.Locate(lon, lat) ?? Location.Interior;
                if (where == Location.Interior)
                {
                    hits.Add(piece.Entry);
                }
                else if (where == Location.Boundary)
                {
                    onBoundary?.Add(piece.Entry);
                }
            }
        }
    }

    private sealed record CellPiece(TileEntry Entry, Envelope Envelope, BandedAreaLocator? Locator);
}
