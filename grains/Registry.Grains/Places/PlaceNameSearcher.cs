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
    /// <summary>The grid's cell size (<see cref="PlaceNameGrid.CellDegrees"/>).</summary>
    public const double CellDegrees = PlaceNameGrid.CellDegrees;

    private const double MetersPerDegree = 111_320;
    private const double HalfCircumference = Math.PI * PlaceGeometry.EarthRadiusMeters;
    private const double FirstRadiusMeters = 10_000;

    /// <summary>The smallest first circle a dense cell gives (see <see cref="FirstRadius"/>).</summary>
    private const double SmallestFirstRadiusMeters = 250;

    private readonly PlaceNameGrid grid = new();
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
            grid.Unplace(previous);
        }

        grid.Place(entry);
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
        grid.Clear();
        due.Clear();
        // The packed texts (on every core) beside the grid and the due list: a restore waits for all three.
        Parallel.Invoke(Pack, () =>
        {
            foreach (var entry in Index.All)
            {
                grid.Place(entry);
                if (entry.RefreshOn is { } next)
                {
                    due[entry.Id] = next;
                }
            }
        });
    }

    public void Clear()
    {
        Index.Clear();
        Restored();
    }

    /// <summary>Packs every entry's texts again, by local id (<see cref="PlaceNameSearchColumns"/>).</summary>
    private void Pack() => columns.SetAll(Index.Count, Index.Doc);

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
                foreach (var entry in part.grid.InBox(box))
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
        var bits = text is null ? default : PlaceNameSearchColumns.BoundOf(text);
        // The full page's last as bounds on prominence, taken again after each offer (which may change the last).
        var bounds = top.Full ? RefusalBounds.Below(top.Last) : default;
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
            if (confirmed && byMatch && top.Full && Refused(id, text!, bits, bounds))
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
            if (byMatch && top.Full && PlaceNameIndex.RankKey(score, prominence) > bounds.Last)
            {
                continue;
            }

            top.Offer(new PlaceNameCandidate(entry ?? Index.Doc(id), null, score, prominence, columns.NameKeyOf(id)));
            if (top.Full)
            {
                bounds = RefusalBounds.Below(top.Last);
            }
        }

        return total;
    }

    /// <summary>
    /// Whether a match the terms vouch for ranks after the last of a full page (<paramref name="bounds"/>) even at its
    /// closest possible, taken as the name in force: by its prominence alone, then by the bound its beginnings and
    /// lengths give (<paramref name="bits"/>: the text's), then by how its names begin.
    /// </summary>
    private bool Refused(int id, string text, PlaceNameSearchColumns.TextBits bits, RefusalBounds bounds)
    {
        var prominence = columns.ProminenceOf(id);
        if (prominence <= bounds.Fragment)
        {
            return false; // within the page even as a fragment: not refused, the caller scores it
        }

        if (prominence > bounds.Whole)
        {
            return true;
        }

        if (prominence > bounds.At(columns.ClosestBound(id, bits)))
        {
            return true;
        }

        return columns.ClosestPossible(id, text) is { } closest && prominence > bounds.At(closest);
    }

    /// <summary>
    /// A full page's last (its <see cref="PlaceNameIndex.RankKey"/>, <see cref="Last"/>) as the greatest prominence a
    /// match of the name in force may have at each closeness and still rank within the page: the key's low byte is the
    /// prominence (12 at most), so a match ranks after the last exactly when its prominence is greater than the bound
    /// at its closeness. Taken once per change of the last, not per candidate.
    /// </summary>
    private readonly record struct RefusalBounds(int Last, int Whole, int Beginning, int Fragment)
    {
        public static RefusalBounds Below(PlaceNameCandidate last)
        {
            var key = PlaceNameIndex.RankKey(last.Score, last.Prominence);
            return new RefusalBounds(key, key - Base(0), key - Base(1), key - Base(PlaceNameIndex.FragmentQuality));
        }

        /// <summary>The bound at closeness 0 (the whole name), 1 (its beginning) or the fragment's.</summary>
        public int At(int quality) => quality switch
        {
            0 => Whole,
            1 => Beginning,
            _ => Fragment,
        };

        private static int Base(int quality) =>
            PlaceNameIndex.RankKey(new PlaceNameIndex.TextScore(0, PlaceNameMatchKind.Current, quality), 0);
    }

    /// <summary>
    /// The matches within the smallest circle around the point (from <see cref="FirstRadius"/>, doubling) that holds at
    /// least <paramref name="wanted"/> of them over every part, or every match once the circle covers the globe. Every
    /// match outside the circle is farther than every one inside it, so the first <paramref name="wanted"/> by
    /// distance are exact.
    /// </summary>
    private static List<PlaceNameCandidate> Nearest(IReadOnlyList<PlaceNameSearcher> parts, PlaceNameQuery query,
        GeoPoint near, string? text, string? spelling, int wanted)
    {
        for (var radius = FirstRadius(parts, near, wanted); ; radius *= 2)
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
    /// The first circle's radius: where the point's cell is dense, the circle that would hold about three times
    /// <paramref name="wanted"/> entries at that density (at least <see cref="SmallestFirstRadiusMeters"/>), else
    /// <see cref="FirstRadiusMeters"/>. Only where to start: the circle still doubles until it holds enough, so the
    /// answer is the same, but a nearest-10 in a city no longer weighs every entry within 10 km. The count is summed
    /// over the parts, so several searchers holding disjoint entries start where one holding them all would.
    /// </summary>
    private static double FirstRadius(IReadOnlyList<PlaceNameSearcher> parts, GeoPoint near, int wanted)
    {
        var count = 0;
        foreach (var part in parts)
        {
            count += part.grid.CountAt(near.Longitude, near.Latitude);
        }

        var side = CellDegrees * MetersPerDegree;
        var cellArea = side * side * Math.Max(0.01, Math.Cos(near.Latitude * Math.PI / 180));
        var radius = count == 0 ? FirstRadiusMeters : Math.Sqrt(3.0 * Math.Max(1, wanted) * cellArea / (Math.PI * count));
        return Math.Clamp(radius, SmallestFirstRadiusMeters, FirstRadiusMeters);
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the matches within <paramref name="radius"/> metres (great circle) of the point:
    /// the grid's entries in a box around the circle, then the distance (<see cref="PlaceNameGrid.Within"/>). The box is
    /// drawn for a slightly larger circle (1 %, and 1 m), so rounding and the difference between a degree of latitude
    /// and <see cref="MetersPerDegree"/> never leave a point of the circle outside it. Returns whether the circle covers
    /// the globe, so every match is in.
    /// </summary>
    private bool Within(PlaceNameQuery query, GeoPoint near, string? text, string? spelling, double radius,
        List<PlaceNameCandidate> found)
    {
        void Take(PlaceNameIndexEntry entry, double distance)
        {
            if ((query.Box is null || PlaceNameIndex.InBox(entry, query.Box))
                && PlaceNameIndex.TryCandidate(entry, query, text, spelling, distance, out var candidate))
            {
                found.Add(candidate);
            }
        }

        if (radius >= HalfCircumference)
        {
            foreach (var entry in Index.All)
            {
                var distance = PlaceGeometry.DistanceMeters(near.Longitude, near.Latitude, entry.X, entry.Y);
                if (double.IsFinite(distance))
                {
                    Take(entry, distance);
                }
            }

            return true;
        }

        var drawn = radius * 1.01 + 1;
        var latSpan = drawn / MetersPerDegree;
        var farthestLat = Math.Min(90, Math.Abs(near.Latitude) + latSpan);
        var cos = Math.Cos(farthestLat * Math.PI / 180);
        var lonSpan = cos <= 1e-9 ? 360 : drawn / (MetersPerDegree * cos);
        grid.Within(new BoundingBox(
                lonSpan >= 180 ? -180 : Wrap(near.Longitude - lonSpan),
                Math.Max(-90, near.Latitude - latSpan),
                lonSpan >= 180 ? 180 : Wrap(near.Longitude + lonSpan),
                Math.Min(90, near.Latitude + latSpan)),
            near.Longitude, near.Latitude, radius, Take);
        return false;
    }

    private static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}
