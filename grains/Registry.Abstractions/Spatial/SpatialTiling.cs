using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// The fixed grid that partitions the spatial index: <see cref="TileDegrees"/>-degree tiles (72 x 36 over the
/// world), grouped into 45-degree regions. A tile is half-open, [west, east) x [south, north), except that the last
/// column and row include longitude 180 and latitude 90. Pure; thread-safe.
/// </summary>
public static class SpatialTiling
{
    public const double TileDegrees = 5;
    public const int Columns = 72;
    public const int Rows = 36;
    public const int TilesPerRegionSide = 9;
    public const int RegionColumns = Columns / TilesPerRegionSide;
    public const int RegionRows = Rows / TilesPerRegionSide;

    /// <summary>
    /// How far beyond its tile a clipped piece reaches, in degrees (about a centimetre). Every point of a tile is
    /// then at least this far from the clip edges, so a piece's boundary inside its tile is the record's own boundary
    /// and "contains" answers exactly as on the whole geometry.
    /// </summary>
    public const double ClipMargin = 1e-7;

    public static string LayerName(SpatialLayer layer) => layer switch
    {
        SpatialLayer.Divisions => "divisions",
        SpatialLayer.BoundaryLines => "boundary-lines",
        SpatialLayer.Markers => "markers",
        SpatialLayer.PlaceNames => "place-names",
        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
    };

    public static SpatialLayer? ParseLayer(string name) => name switch
    {
        "divisions" => SpatialLayer.Divisions,
        "boundary-lines" => SpatialLayer.BoundaryLines,
        "markers" => SpatialLayer.Markers,
        "place-names" => SpatialLayer.PlaceNames,
        _ => null,
    };

    public static int Column(double lon) => World.Column(lon);

    public static int Row(double lat) => World.Row(lat);

    public static TileId TileOf(SpatialLayer layer, double lon, double lat) => new(layer, Column(lon), Row(lat));

    /// <summary>The tile's own extent (without the clip margin).</summary>
    public static Envelope ExtentOf(int x, int y) => World.Extent(x, y);

    /// <summary>Every tile of <paramref name="layer"/> that a box touches.</summary>
    public static IEnumerable<TileId> TilesCovering(SpatialLayer layer, BoundingBox box)
    {
        for (var x = Column(box.MinLon); x <= Column(box.MaxLon); x++)
        {
            for (var y = Row(box.MinLat); y <= Row(box.MaxLat); y++)
            {
                yield return new TileId(layer, x, y);
            }
        }
    }

    /// <summary>Every region of <paramref name="layer"/> that a box touches.</summary>
    public static IEnumerable<RegionId> RegionsCovering(SpatialLayer layer, BoundingBox box)
    {
        for (var x = Column(box.MinLon) / TilesPerRegionSide; x <= Column(box.MaxLon) / TilesPerRegionSide; x++)
        {
            for (var y = Row(box.MinLat) / TilesPerRegionSide; y <= Row(box.MaxLat) / TilesPerRegionSide; y++)
            {
                yield return new RegionId(layer, x, y);
            }
        }
    }

    /// <summary>
    /// Cuts a valid geometry into one piece per tile it reaches: points go to their tile; lines and areas are clipped
    /// to each tile widened by <see cref="ClipMargin"/>, halving the range of tiles recursively so a large area is
    /// not clipped once per tile. Tiles the geometry's envelope reaches but the geometry does not get no piece.
    /// </summary>
    public static IReadOnlyList<(int X, int Y, Geometry Piece)> Split(Geometry geometry) => World.Split(geometry);

    /// <summary>The world grid of tiles.</summary>
    internal static CellGrid World { get; } = new(-180, -90, TileDegrees, Columns, Rows);

    /// <summary>
    /// A regular grid of square cells: the world's tiles, or finer cells within one tile. Cell (x, y) is half-open,
    /// [west, east) x [south, north), except that the last column and row include their far edge.
    /// </summary>
    internal sealed record CellGrid(double MinX, double MinY, double Size, int Columns, int Rows)
    {
        public int Column(double x) => Math.Clamp((int)Math.Floor((x - MinX) / Size), 0, Columns - 1);

        public int Row(double y) => Math.Clamp((int)Math.Floor((y - MinY) / Size), 0, Rows - 1);

        public Envelope Extent(int x, int y) =>
            new(MinX + x * Size, MinX + (x + 1) * Size, MinY + y * Size, MinY + (y + 1) * Size);

        /// <summary>The cells x0..x1, y0..y1 widened by <see cref="ClipMargin"/>.</summary>
        public Envelope Widened(int x0, int y0, int x1, int y1) =>
            new(MinX + x0 * Size - ClipMargin, MinX + (x1 + 1) * Size + ClipMargin,
                MinY + y0 * Size - ClipMargin, MinY + (y1 + 1) * Size + ClipMargin);

        /// <summary>One piece per cell the geometry reaches, clipped to the cell widened by the margin.</summary>
        public IReadOnlyList<(int X, int Y, Geometry Piece)> Split(Geometry geometry)
        {
            var pieces = new List<(int, int, Geometry)>();
            if (geometry.IsEmpty)
            {
                return pieces;
            }

            var envelope = geometry.EnvelopeInternal;
            if (geometry is Point)
            {
                pieces.Add((Column(envelope.MinX), Row(envelope.MinY), geometry));
                return pieces;
            }

            SplitInto(geometry, Column(envelope.MinX), Row(envelope.MinY), Column(envelope.MaxX), Row(envelope.MaxY),
                pieces);
            return pieces;
        }

        private void SplitInto(Geometry geometry, int x0, int y0, int x1, int y1, List<(int, int, Geometry)> pieces)
        {
            if (geometry.IsEmpty)
            {
                return;
            }

            // Narrow the range to what the (already clipped) geometry still reaches.
            var envelope = geometry.EnvelopeInternal;
            x0 = Math.Max(x0, Column(envelope.MinX));
            x1 = Math.Min(x1, Column(envelope.MaxX));
            y0 = Math.Max(y0, Row(envelope.MinY));
            y1 = Math.Min(y1, Row(envelope.MaxY));
            if (x0 > x1 || y0 > y1)
            {
                return;
            }

            if (x0 == x1 && y0 == y1)
            {
                var piece = Clip(geometry, Widened(x0, y0, x1, y1));
                if (!piece.IsEmpty)
                {
                    pieces.Add((x0, y0, piece));
                }

                return;
            }

            if (x1 - x0 >= y1 - y0)
            {
                var middle = (x0 + x1) / 2;
                SplitInto(Clip(geometry, Widened(x0, y0, middle, y1)), x0, y0, middle, y1, pieces);
                SplitInto(Clip(geometry, Widened(middle + 1, y0, x1, y1)), middle + 1, y0, x1, y1, pieces);
            }
            else
            {
                var middle = (y0 + y1) / 2;
                SplitInto(Clip(geometry, Widened(x0, y0, x1, middle)), x0, y0, x1, middle, pieces);
                SplitInto(Clip(geometry, Widened(x0, middle + 1, x1, y1)), x0, middle + 1, x1, y1, pieces);
            }
        }
    }

    private static Geometry Clip(Geometry geometry, Envelope window)
    {
        if (window.Covers(geometry.EnvelopeInternal))
        {
            return geometry;
        }

        if (!window.Intersects(geometry.EnvelopeInternal))
        {
            return geometry.Factory.CreateGeometryCollection();
        }

        Geometry clipped;
        try
        {
            clipped = OverlayNGRobust.Overlay(geometry, geometry.Factory.ToGeometry(window), SpatialFunction.Intersection);
        }
        catch (TopologyException)
        {
            // Still correct, only less compact: the unclipped geometry answers exactly for any point of the window.
            return geometry;
        }

        return geometry is IPolygonal
            ? geometry.Factory.BuildGeometry(PolygonExtracter.GetPolygons(clipped))
            : geometry.Factory.BuildGeometry(LineStringExtracter.GetLines(clipped));
    }
}
