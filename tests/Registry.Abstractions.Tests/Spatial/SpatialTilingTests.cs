using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Tests.Spatial;

public sealed class SpatialTilingTests
{
    [Fact]
    public void Split_ValidProvinces_PiecesCoverThePolygonAndStayInTheirTiles()
    {
        foreach (var geometry in SharedData.ShippedProvinces.Select(p => p.Geometry!).Where(g => g.IsValid))
        {
            var pieces = SpatialTiling.Split(geometry);

            Assert.NotEmpty(pieces);
            var union = NetTopologySuite.Operation.Union.UnaryUnionOp.Union(pieces.Select(p => p.Piece).ToList());
            Assert.Equal(geometry.Area, union.Area, geometry.Area * 1e-9);
            foreach (var (x, y, piece) in pieces)
            {
                var tile = SpatialTiling.ExtentOf(x, y);
                tile.ExpandBy(SpatialTiling.ClipMargin * 1.01);
                Assert.True(tile.Covers(piece.EnvelopeInternal), $"piece of tile {x}/{y} leaves it");
            }
        }
    }

    [Fact]
    public void TileOf_PointOnATileEdge_BelongsToTheTileStartingThere()
    {
        var tile = SpatialTiling.TileOf(SpatialLayer.Divisions, 115, 40);

        Assert.Equal(115, SpatialTiling.ExtentOf(tile.X, tile.Y).MinX);
        Assert.Equal(40, SpatialTiling.ExtentOf(tile.X, tile.Y).MinY);
    }

    [Fact]
    public void TileIndex_QueryPoint_AnswersAsContainsOnTheWholeGeometries()
    {
        var polygons = SharedData.ShippedPrefectures
            .Where(p => p.Geometry!.IsValid)
            .Select(p => (Code: p.Feature.Text("区划码")!, Geometry: p.Geometry!))
            .ToList();
        var byTile = new Dictionary<(int, int), List<TileEntry>>();
        foreach (var (code, geometry) in polygons)
        {
            foreach (var (x, y, piece) in SpatialTiling.Split(geometry))
            {
                if (!byTile.TryGetValue((x, y), out var list))
                {
                    byTile[(x, y)] = list = [];
                }

                list.Add(new TileEntry(code, 0, Wgs84.ToWkb(piece), null, null, null, null));
            }
        }

        var indexes = byTile.ToDictionary(t => t.Key,
            t => new TileIndex(new TileSnapshot(new TileId(SpatialLayer.Divisions, t.Key.Item1, t.Key.Item2), default,
                t.Value)));
        var prepared = polygons.Select(p => (p.Code, Prepared: PreparedGeometryFactory.Prepare(p.Geometry))).ToList();
        var extent = new Envelope();
        polygons.ForEach(p => extent.ExpandToInclude(p.Geometry.EnvelopeInternal));
        var random = new Random(17);
        var points = Enumerable.Range(0, 1_500).Select(_ => (
            Lon: extent.MinX + random.NextDouble() * extent.Width,
            Lat: extent.MinY + random.NextDouble() * extent.Height)).ToList();
        // Points on tile and cell edges, where a clipped piece's own edge lies within ClipMargin.
        points.AddRange(Enumerable.Range(0, 300).Select(i => (
            Lon: Math.Round(extent.MinX / 5 + i % 12) * 5,
            Lat: extent.MinY + random.NextDouble() * extent.Height)));
        points.AddRange(Enumerable.Range(0, 300).Select(i => (
            Lon: extent.MinX + random.NextDouble() * extent.Width,
            Lat: Math.Round(extent.MinY) + i % (int)extent.Height)));
        var date = new DateOnly(2026, 1, 1);

        foreach (var (lon, lat) in points)
        {
            var point = Wgs84.Point(lon, lat);
            var expected = prepared.Where(p => p.Prepared.Contains(point)).Select(p => p.Code).Order().ToList();
            var hits = new List<TileEntry>();
            if (indexes.TryGetValue((SpatialTiling.Column(lon), SpatialTiling.Row(lat)), out var index))
            {
                index.QueryPoint(lon, lat, date, hits);
            }

            Assert.Equal(expected, hits.Select(h => h.RecordKey).Order().ToList());
        }
    }

    [Fact]
    public void TileEntry_InForceOn_RespectsFromAndUntil()
    {
        var entry = new TileEntry("x", 1, [], new DateOnly(2020, 1, 1), new DateOnly(2024, 1, 1), null, null);

        Assert.False(entry.InForceOn(new DateOnly(2019, 12, 31)));
        Assert.True(entry.InForceOn(new DateOnly(2020, 1, 1)));
        Assert.True(entry.InForceOn(new DateOnly(2023, 12, 31)));
        Assert.False(entry.InForceOn(new DateOnly(2024, 1, 1)));
    }
}
