using System.Runtime.CompilerServices;
using Registry.Abstractions.Places;
using Registry.Grains.Indexing;

namespace Registry.Grains.Places;

/// <summary>
/// Answers place-name queries over a set of index entries held in memory: posting lists for the texts and filters
/// (<see cref="PostingIndex{TDoc}"/>, terms of <see cref="PlaceNameIndex.Terms"/>) and a grid of
/// <see cref="CellDegrees"/>-degree cells over the entries' envelopes for boxes and nearest queries, both kept in step
/// entry by entry (a change costs the entry's terms and cells, never a rebuild). Used by an index partition over its
/// share and by a process's read replica over all of them (<c>PlaceNameReadReplica</c>), so both answer by the same
/// rules. Entries are applied newest-wins (<see cref="PlaceNameIndex.VersionOf"/>), so applying is idempotent and
/// order-proof. Pure; not thread-safe: concurrent <see cref="Search(PlaceNameQuery)"/> calls are safe only while nothing is applied.
/// </summary>
public sealed class PlaceNameSearcher
{
    /// <summary>The grid's cell size: at GeoNames' density a nearest-10 circle touches a few cells.</summary>
    public const double CellDegrees = 0.25;

    /// <summary>An envelope over more cells than this (a province's outline) is kept in one list that every spatial
    /// query looks at, instead of in each of its cells.</summary>
    private const int MaxCellsPerEntry = 4_096;

    private const double MetersPerDegree = 111_320;
    private const double HalfCircumference = Math.PI * PlaceGeometry.EarthRadiusMeters;
    private const double FirstRadiusMeters = 10_000;

    private readonly Dictionary<long, List<PlaceNameIndexEntry>> cells = new();
    private readonly List<PlaceNameIndexEntry> large = [];
    private readonly PlaceNameSearchColumns columns = new();

    /// <summary>Entries computed before an approved rename or abolition takes effect, by the day they must be
    /// computed again (<see cref="PlaceNameIndexEntry.RefreshOn"/>): few.</summary>
    private readonly Dictionary<string, DateOnly> due = new(StringComparer.Ordinal);

    /// <summary>The posting lists (what a partition's snapshot stores and restores; call <see cref="Restored"/> after
    /// restoring it directly).</summary>
    public PostingIndex<PlaceNameIndexEntry> Index { get; } = new(PlaceNameIndex.Terms);

    public int Count => Index.Count;

    /// <summary>Stores the entry unless a same or newer version is held; false when nothing changed.</summary>
    public bool Apply(PlaceNameIndexEntry entry)
    {
        var previous = Index.Get(entry.Id);
        if (!Index.Put(entry.Id, PlaceNameIndex.VersionOf(entry), entry))
        {
            return false;
        }

        if (previous is not null)
        {
            Unplace(previous);
        }

        Place(entry);
        if (columns.Wasteful)
        {
            Pack();
        }
        else
        {
            columns.Set(Index.IdOf(entry.Id), entry);
        }

        if (entry.RefreshOn is { } next)
        {
            due[entry.Id] = next;
        }
        else
        {
            due.Remove(entry.Id);
        }

        return true;
    }

    /// <summary>Rebuilds the grid, the packed texts and the due list from <see cref="Index"/> after it was restored or
    /// cleared.</summary>
    public void Restored()
    {
        cells.Clear();
        large.Clear();
        due.Clear();
        Pack();
        foreach (var entry in Index.All)
        {
            Place(entry);
            if (entry.RefreshOn is { } next)
            {
                due[entry.Id] = next;
            }
        }
    }

    public void Clear()
    {
        Index.Clear();
        Restored();
    }

    /// <summary>Packs every entry's texts again, by local id (<see cref="PlaceNameSearchColumns"/>).</summary>
    private void Pack()
    {
        columns.Clear();
        for (var id = 0; id < Index.Count; id++)
        {
            columns.Set(id, Index.Doc(id));
        }
    }

    /// <summary>The ids whose entries must be computed again by <paramref name="today"/>.</summary>
    public IReadOnlyList<string> DueBy(DateOnly today) =>
        due.Count == 0 ? [] : due.Where(d => d.Value <= today).Select(d => d.Key).ToList();

    /// <summary>
    /// The query's matches: the first Skip + Take in the query's order, and how many match. Candidates (from the
    /// posting lists, the grid or the circle) are confirmed and ranked as values (<see cref="PlaceNameCandidate"/>);
    /// only the page's hits are made.
    /// </summary>
    public PlaceNamePage Search(PlaceNameQuery query) => Search([this], query);

    /// <summary>
    /// The query's matches over several searchers holding disjoint entries (a process's copy of every partition, each
    /// partition in a searcher of its own): the same page and count as one searcher holding all their entries, since
    /// the matches of each are offered to one ranking, whose order is total (ties by id), and a nearest query grows
    /// one circle over all of them.
    /// </summary>
    public static PlaceNamePage Search(IReadOnlyList<PlaceNameSearcher> parts, PlaceNameQuery query)
    {
        var text = PlaceNameIndex.Normalized(query.Text);
        var spelling = PlaceNameIndex.Normalized(query.Romanization);
        var wanted = query.Skip + query.Take;
        var top = new TopK<PlaceNameCandidate>(wanted, PlaceNameIndex.CandidateOrder(query));
        var total = 0;
        if (query.Near is { } near)
        {
            foreach (var candidate in Nearest(parts, query, near, text, spelling, wanted))
            {
                total++;
                top.Offer(candidate);
            }
        }
        else if (query.Box is { } box)
        {
            foreach (var part in parts)
            {
                foreach (var entry in part.InBox(box))
                {
                    if (PlaceNameIndex.TryCandidate(entry, query, text, spelling, null, out var candidate))
                    {
                        total++;
                        top.Offer(candidate);
                    }
                }
            }
        }
        else
        {
            var terms = PlaceNameIndex.QueryTerms(query, text, spelling);
            foreach (var part in parts)
            {
                total += part.OfferMatches(query, terms, text, spelling, top);
            }
        }

        return new PlaceNamePage(total, top.Sorted().ConvertAll(candidate => candidate.ToHit()));
    }

    /// <summary>
    /// Offers this searcher's matches of a query without a point or a box to <paramref name="top"/> and returns how
    /// many there are. From the packed columns: the entry itself is read only for the rarer filters, a text too long
    /// to pack, and a match that may enter the page. In the order by match (<see cref="PlaceNameIndex.RankKey"/>) a
    /// match whose closeness, kind and prominence already rank after the last of a full page is counted and not
    /// offered (it could only be offered and refused), so a fragment found in 100,000 names reads 10 of their entries,
    /// not all of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int OfferMatches(PlaceNameQuery query, IReadOnlyCollection<string> terms, string? text, string? spelling,
        TopK<PlaceNameCandidate> top)
    {
        // The matched ids without a copy per query (a broad fragment's list holds tens of thousands of them).
        var every = terms.Count == 0;
        using var matches = every ? default : Index.MatchingIdsPooled(terms);
        var ids = matches.Ids;
        var count = every ? Index.Count : ids.Length;
        var readsEntry = PlaceNameIndex.FiltersReadEntry(query, spelling);
        var byMatch = PlaceNameIndex.RanksByMatch(query);
        var confirmed = PlaceNameIndex.TermsConfirmText(text, spelling);
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var id = every ? i : ids[i];
            if (!PlaceNameIndex.PassesStatusAndCategory(columns.StatusOf(id), columns.CategoryOf(id), query))
            {
                continue;
            }

            PlaceNameIndexEntry? entry = null;
            if (readsEntry && !PlaceNameIndex.PassesOthers(entry = Index.Doc(id), query, spelling))
            {
                continue;
            }

            // A match the terms vouch for (its texts contain the text) that ranks after the last of a full page even at
            // its closest possible (by prominence alone, then by how its names begin, each as the name in force) is
            // only counted: its texts are not searched through, its entry not read.
            if (confirmed && byMatch && top.Full && Refused(id, text!, PlaceNameIndex.RankKey(top.Last.Score, top.Last.Prominence)))
            {
                total++;
                continue;
            }

            PlaceNameIndex.TextScore? score = null;
            if (text is not null)
            {
                if (!columns.TryScore(id, text, out var packed))
                {
                    packed = PlaceNameIndex.Score(entry ??= Index.Doc(id), text);
                }

                if (!packed.Found)
                {
                    continue;
                }

                score = packed;
            }

            total++;
            var prominence = columns.ProminenceOf(id);
            if (byMatch && top.Full
                && PlaceNameIndex.RankKey(score, prominence) > PlaceNameIndex.RankKey(top.Last.Score, top.Last.Prominence))
            {
                continue;
            }

            top.Offer(new PlaceNameCandidate(entry ?? Index.Doc(id), null, score, prominence));
        }

        return total;
    }

    /// <summary>
    /// Whether a match the terms vouch for ranks after <paramref name="last"/> (the <see cref="PlaceNameIndex.RankKey"/>
    /// of a full page's last) even at its closest possible, taken as the name in force: by its prominence alone, then
    /// by the bound its beginnings and lengths give, then by how its names begin.
    /// </summary>
    private bool Refused(int id, string text, int last)
    {
        var prominence = columns.ProminenceOf(id);
        if (Key(0) > last)
        {
            return true;
        }

        var bound = columns.ClosestBound(id, text);
        if (Key(bound) > last)
        {
            return true;
        }

        return Key(PlaceNameIndex.FragmentQuality) > last && columns.ClosestPossible(id, text) is { } closest
            && Key(closest) > last;

        int Key(int quality) =>
            PlaceNameIndex.RankKey(new PlaceNameIndex.TextScore(0, PlaceNameMatchKind.Current, quality), prominence);
    }

    /// <summary>
    /// The matches within the smallest circle around the point (from 10 km, doubling) that holds at least
    /// <paramref name="wanted"/> of them over every part, or every match once the circle covers the globe. Every
    /// match outside the circle is farther than every one inside it, so the first <paramref name="wanted"/> by
    /// distance are exact.
    /// </summary>
    private static List<PlaceNameCandidate> Nearest(IReadOnlyList<PlaceNameSearcher> parts, PlaceNameQuery query,
        GeoPoint near, string? text, string? spelling, int wanted)
    {
        for (var radius = FirstRadiusMeters; ; radius *= 2)
        {
            var found = new List<PlaceNameCandidate>();
            var covering = false;
            foreach (var part in parts)
            {
                covering = part.Within(query, near, text, spelling, radius, found);
            }

            if (covering || found.Count >= wanted)
            {
                return found;
            }
        }
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the matches within <paramref name="radius"/> metres (great circle) of the point: a box query on the grid, then
    /// the distance. The box is drawn for a slightly larger circle (1 %, and 1 m), so rounding and the difference
    /// between a degree of latitude and <see cref="MetersPerDegree"/> never leave a point of the circle outside it.
    /// Returns whether the circle covers the globe, so every match is in.
    /// </summary>
    private bool Within(PlaceNameQuery query, GeoPoint near, string? text, string? spelling, double radius,
        List<PlaceNameCandidate> found)
    {
        var covering = radius >= HalfCircumference;
        var drawn = radius * 1.01 + 1;
        var latSpan = drawn / MetersPerDegree;
        var farthestLat = Math.Min(90, Math.Abs(near.Latitude) + latSpan);
        var cos = Math.Cos(farthestLat * Math.PI / 180);
        var lonSpan = cos <= 1e-9 ? 360 : drawn / (MetersPerDegree * cos);
        var entries = covering ? Index.All
            : InBox(new BoundingBox(
                lonSpan >= 180 ? -180 : Wrap(near.Longitude - lonSpan),
                Math.Max(-90, near.Latitude - latSpan),
                lonSpan >= 180 ? 180 : Wrap(near.Longitude + lonSpan),
                Math.Min(90, near.Latitude + latSpan)));
        foreach (var entry in entries)
        {
            if (query.Box is not null && !PlaceNameIndex.InBox(entry, query.Box))
            {
                continue;
            }

            var distance = PlaceGeometry.DistanceMeters(near.Longitude, near.Latitude, entry.X, entry.Y);
            if (double.IsFinite(distance) && (covering || distance <= radius)
                && PlaceNameIndex.TryCandidate(entry, query, text, spelling, distance, out var candidate))
            {
                found.Add(candidate);
            }
        }

        return covering;
    }

    private static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;

    /// <summary>The entries whose envelope intersects the box (which may cross the antimeridian), each once.</summary>
    private List<PlaceNameIndexEntry> InBox(BoundingBox box)
    {
        var found = new List<PlaceNameIndexEntry>();
        HashSet<PlaceNameIndexEntry>? seen = null;
        void Take(List<PlaceNameIndexEntry> members)
        {
            foreach (var entry in members)
            {
                // An entry over several cells is met in each: kept once, by a set only where that can happen.
                if (PlaceNameIndex.InBox(entry, box)
                    && ((entry.MinX == entry.MaxX && entry.MinY == entry.MaxY)
                        || (seen ??= new(ReferenceEqualityComparer.Instance)).Add(entry)))
                {
                    found.Add(entry);
                }
            }
        }

        void Visit(double minX, double maxX)
        {
            var (x0, y0) = (CellOf(minX), CellOf(box.MinY));
            var (x1, y1) = (CellOf(maxX), CellOf(box.MaxY));
            if ((long)(x1 - x0 + 1) * (y1 - y0 + 1) > cells.Count)
            {
                // A box over more cells than are occupied (a wide circle, a small index): the occupied ones instead.
                foreach (var (key, members) in cells)
                {
                    var (x, y) = ((int)(key >> 32), (int)key);
                    if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
                    {
                        Take(members);
                    }
                }

                return;
            }

            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (cells.TryGetValue(Key(x, y), out var members))
                    {
                        Take(members);
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

        found.AddRange(large.Where(e => PlaceNameIndex.InBox(e, box) && (seen ??= new(ReferenceEqualityComparer.Instance)).Add(e)));
        return found;
    }

    private void Place(PlaceNameIndexEntry entry)
    {
        // A recorded name without geometry (NaN envelope) has no place in the grid.
        if (!double.IsFinite(entry.MinX))
        {
            return;
        }

        if (!Spans(entry, out var x0, out var y0, out var x1, out var y1))
        {
            large.Add(entry);
            return;
        }

        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
            {
                var key = Key(x, y);
                if (!cells.TryGetValue(key, out var members))
                {
                    cells[key] = members = [];
                }

                members.Add(entry);
            }
        }
    }

    private void Unplace(PlaceNameIndexEntry entry)
    {
        if (!double.IsFinite(entry.MinX))
        {
            return;
        }

        if (!Spans(entry, out var x0, out var y0, out var x1, out var y1))
        {
            large.Remove(entry);
            return;
        }

        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
            {
                var key = Key(x, y);
                if (cells.TryGetValue(key, out var members) && members.Remove(entry) && members.Count == 0)
                {
                    cells.Remove(key);
                }
            }
        }
    }

    /// <summary>The cells the entry's envelope covers; false when they are too many to list it in each.</summary>
    private static bool Spans(PlaceNameIndexEntry entry, out int x0, out int y0, out int x1, out int y1)
    {
        (x0, y0, x1, y1) = (CellOf(entry.MinX), CellOf(entry.MinY), CellOf(entry.MaxX), CellOf(entry.MaxY));
        return (long)(x1 - x0 + 1) * (y1 - y0 + 1) <= MaxCellsPerEntry;
    }

    private static int CellOf(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long Key(int x, int y) => ((long)x << 32) | (uint)y;
}
