using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// The grid of a <see cref="PlaceNameSearcher"/>: <see cref="CellDegrees"/>-degree cells over the entries' envelopes,
/// for box and nearest queries, kept in step entry by entry. An envelope over more than <see cref="MaxCellsPerEntry"/>
/// cells is kept in one list every query looks at. Not thread-safe: its searcher's rules apply.
/// </summary>
internal sealed class PlaceNameGrid
{
    /// <summary>The cell size: at GeoNames' density a nearest-10 circle touches a few cells.</summary>
    public const double CellDegrees = 0.25;

    /// <summary>An envelope over more cells than this (a province's outline) is kept in one list that every spatial
    /// query looks at, instead of in each of its cells.</summary>
    private const int MaxCellsPerEntry = 4_096;

    private readonly Dictionary<long, List<PlaceNameIndexEntry>> cells = new(CellKeys.Instance);
    private readonly List<PlaceNameIndexEntry> large = [];

    public void Clear()
    {
        cells.Clear();
        large.Clear();
    }

    public void Place(PlaceNameIndexEntry entry)
    {
        if (!EachCellOf(entry, key =>
            {
                if (!cells.TryGetValue(key, out var cell))
                {
                    cells[key] = cell = [];
                }

                cell.Add(entry);
            }))
        {
            large.Add(entry);
        }
    }

    public void Unplace(PlaceNameIndexEntry entry)
    {
        if (!EachCellOf(entry, key =>
            {
                if (cells.TryGetValue(key, out var cell) && RemoveFrom(cell, entry) && cell.Count == 0)
                {
                    cells.Remove(key);
                }
            }))
        {
            RemoveFrom(large, entry);
        }
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with the key of each cell the entry's envelope covers; false, calling it for
    /// none, when they are more than <see cref="MaxCellsPerEntry"/> (the entry belongs to the list of large ones). A
    /// recorded name without geometry (NaN envelope) has no place in the grid: true, and no cell.
    /// </summary>
    private static bool EachCellOf(PlaceNameIndexEntry entry, Action<long> visit)
    {
        if (!double.IsFinite(entry.MinX))
        {
            return true;
        }

        var (x0, y0, x1, y1) = (CellOf(entry.MinX), CellOf(entry.MinY), CellOf(entry.MaxX), CellOf(entry.MaxY));
        if ((long)(x1 - x0 + 1) * (y1 - y0 + 1) > MaxCellsPerEntry)
        {
            return false;
        }

        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
            {
                visit(Key(x, y));
            }
        }

        return true;
    }

    /// <summary>How many entries the cell holding the point lists (its density, for a first circle's size).</summary>
    public int CountAt(double longitude, double latitude) =>
        cells.TryGetValue(Key(CellOf(longitude), CellOf(latitude)), out var cell) ? cell.Count : 0;

    /// <summary>The entries whose envelope intersects the box (which may cross the antimeridian), each once.</summary>
    public List<PlaceNameIndexEntry> InBox(BoundingBox box)
    {
        var found = new List<PlaceNameIndexEntry>();
        HashSet<PlaceNameIndexEntry>? seen = null;
        ForEachCell(box, cell =>
        {
            foreach (var entry in cell)
            {
                if (PlaceNameIndex.InBox(entry, box) && (IsPoint(entry) || (seen ??= new(ReferenceEqualityComparer.Instance)).Add(entry)))
                {
                    found.Add(entry);
                }
            }
        });
        return found;
    }

    /// <summary>
    /// Calls <paramref name="take"/> once for each entry whose envelope intersects <paramref name="box"/> (the box
    /// drawn around the circle) and whose point lies within <paramref name="radius"/> metres (great circle) of
    /// (<paramref name="longitude"/>, <paramref name="latitude"/>), with that distance.
    /// </summary>
    public void Within(BoundingBox box, double longitude, double latitude, double radius,
        Action<PlaceNameIndexEntry, double> take)
    {
        HashSet<PlaceNameIndexEntry>? seen = null;
        ForEachCell(box, cell =>
        {
            foreach (var entry in cell)
            {
                if (!PlaceNameIndex.InBox(entry, box))
                {
                    continue;
                }

                var distance = PlaceGeometry.DistanceMeters(longitude, latitude, entry.X, entry.Y);
                // NaN (a point not finite) is never within.
                if (distance <= radius && (IsPoint(entry) || (seen ??= new(ReferenceEqualityComparer.Instance)).Add(entry)))
                {
                    take(entry, distance);
                }
            }
        });
    }

    /// <summary>A point's envelope lies in one cell, so it is met once; only a larger one needs a set.</summary>
    private static bool IsPoint(PlaceNameIndexEntry entry) => entry.MinX == entry.MaxX && entry.MinY == entry.MaxY;

    /// <summary>Each cell the box covers (split at the antimeridian), then the list of large envelopes.</summary>
    private void ForEachCell(BoundingBox box, Action<List<PlaceNameIndexEntry>> visit)
    {
        void Visit(double minX, double maxX)
        {
            var (x0, y0) = (CellOf(minX), CellOf(box.MinY));
            var (x1, y1) = (CellOf(maxX), CellOf(box.MaxY));
            if ((long)(x1 - x0 + 1) * (y1 - y0 + 1) > cells.Count)
            {
                // A box over more cells than are occupied (a wide circle, a small index): the occupied ones instead.
                foreach (var (key, cell) in cells)
                {
                    var (x, y) = ((int)(key >> 32), (int)key);
                    if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
                    {
                        visit(cell);
                    }
                }

                return;
            }

            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (cells.TryGetValue(Key(x, y), out var cell))
                    {
                        visit(cell);
                    }
                }
            }
        }

        if (box.MinX <= box.MaxX)
        {
            Visit(box.MinX, box.MaxX);
        }
        else
        {
            Visit(box.MinX, 180);
            Visit(-180, box.MaxX);
        }

        visit(large);
    }

    /// <summary>Removes the entry (this very object) from the cell; whether it was there.</summary>
    private static bool RemoveFrom(List<PlaceNameIndexEntry> cell, PlaceNameIndexEntry entry)
    {
        var index = cell.FindIndex(member => ReferenceEquals(member, entry));
        if (index < 0)
        {
            return false;
        }

        cell[index] = cell[^1];
        cell.RemoveAt(cell.Count - 1);
        return true;
    }

    private static int CellOf(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long Key(int x, int y) => ((long)x << 32) | (uint)y;

    /// <summary>
    /// A cell's key hashed by all its bits. The default hash of a <see cref="long"/> folds its halves together
    /// (column XOR row), so every cell of a diagonal had one hash: a lookup over the national stock walked chains of
    /// dozens of cells, a third of a nearest-10 query's CPU.
    /// </summary>
    private sealed class CellKeys : IEqualityComparer<long>
    {
        public static readonly CellKeys Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
