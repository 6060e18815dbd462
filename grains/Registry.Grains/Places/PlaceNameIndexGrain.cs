using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Places;

/// <summary>
/// One partition of the place-name index, in memory; see <see cref="IPlaceNameIndexGrain"/> and
/// <see cref="PlaceNameIndex"/>. Entries by id, plus an STR-tree over their envelopes, built on the first spatial
/// query after a change and then only queried. Built on activation from the stored records of its partition, then
/// kept in step by place-name grains, which upsert after each committed write; revisions make upserts idempotent
/// and order-proof. Kept active so a partition is not rebuilt after idle periods.
/// </summary>
[GrainType(StorageNames.PlaceNameIndexGrainType)]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class PlaceNameIndexGrain(IStoredRecords records, BureauClock clock, IGrainFactory grains,
    ILogger<PlaceNameIndexGrain> logger) : Grain, IPlaceNameIndexGrain
{
    private const double MetersPerDegree = 111_320;
    private const double HalfCircumference = Math.PI * PlaceGeometry.EarthRadiusMeters;

    private readonly Dictionary<string, PlaceNameIndexEntry> entries = new(StringComparer.Ordinal);

    /// <summary>Ids by two-character substring of their searchable names and spellings (kept in step with
    /// <see cref="entries"/>): a fragment query reads the ids under its rarest pair instead of every entry.</summary>
    private readonly Dictionary<string, HashSet<string>> pairs = new(StringComparer.Ordinal);

    private STRtree<PlaceNameIndexEntry>? tree;

    /// <summary>Entries computed before an approved rename or abolition takes effect, by the day they must be
    /// computed again (<see cref="PlaceNameIndexEntry.RefreshOn"/>): few, so a search checks them first.</summary>
    private readonly Dictionary<string, DateOnly> due = new(StringComparer.Ordinal);

    /// <summary>Loaded by this activation and not used since: a rebuild that activated the partition has nothing
    /// newer to read.</summary>
    private bool fresh;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        fresh = true;
    }

    public Task UpsertAsync(PlaceNameIndexEntry entry)
    {
        fresh = false;
        Apply(entry);
        return Task.CompletedTask;
    }

    public async Task<PlaceNamePage> SearchAsync(PlaceNameQuery query)
    {
        fresh = false;
        await RefreshDueAsync();
        var text = Normalized(query.Text);
        var spelling = Normalized(query.Romanization);
        var wanted = query.Skip + query.Take;
        List<PlaceNameHit> hits;
        int total;
        if (query.Near is { } near)
        {
            hits = Nearest(query, near, text, spelling, wanted);
            total = hits.Count;
        }
        else
        {
            var candidates = query.Box is { } box ? InBox(box) : WithFragments(text, spelling);
            hits = candidates.Where(e => PlaceNameIndex.Matches(e, query, text, spelling))
                .Select(e => new PlaceNameHit(e, null))
                .ToList();
            total = hits.Count;
        }

        hits.Sort(PlaceNameIndex.Order(query, text));
        return new PlaceNamePage(total, hits.Take(wanted).ToList());
    }

    public async Task<int> RebuildAsync()
    {
        if (fresh)
        {
            fresh = false;
            return entries.Count;
        }

        entries.Clear();
        pairs.Clear();
        due.Clear();
        tree = null;
        await LoadAsync(CancellationToken.None);
        return entries.Count;
    }

    /// <summary>
    /// Replaces the entries whose rename or abolition has taken effect since they were computed with the records'
    /// entries as of today: the name in force changes on its day without a background job.
    /// </summary>
    private async Task RefreshDueAsync()
    {
        if (due.Count == 0)
        {
            return;
        }

        var today = clock.Today;
        var ids = due.Where(d => d.Value <= today).Select(d => d.Key).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var recomputed = await Task.WhenAll(ids.Select(id => grains.Get<IPlaceNameGrain>(id).IndexEntryAsync()));
        foreach (var entry in recomputed.OfType<PlaceNameIndexEntry>())
        {
            Apply(entry);
        }
    }

    /// <summary>
    /// Widens a search circle around the point (box query on the tree, then great-circle distance) until it holds
    /// enough matches or covers the globe; exact because every entry within the radius has its point in the box.
    /// </summary>
    private List<PlaceNameHit> Nearest(PlaceNameQuery query, GeoPoint near, string? text, string? spelling, int wanted)
    {
        for (var radius = 20_000.0; ; radius *= 4)
        {
            var covering = radius >= HalfCircumference;
            var latSpan = radius / MetersPerDegree;
            var farthestLat = Math.Min(90, Math.Abs(near.Latitude) + latSpan);
            var cos = Math.Cos(farthestLat * Math.PI / 180);
            var lonSpan = cos <= 1e-9 ? 360 : radius / (MetersPerDegree * cos);
            IEnumerable<PlaceNameIndexEntry> candidates = covering ? entries.Values
                : InBox(new BoundingBox(
                    lonSpan >= 180 ? -180 : Wrap(near.Longitude - lonSpan),
                    Math.Max(-90, near.Latitude - latSpan),
                    lonSpan >= 180 ? 180 : Wrap(near.Longitude + lonSpan),
                    Math.Min(90, near.Latitude + latSpan)));
            var hits = candidates
                .Where(e => (query.Box is null || PlaceNameIndex.InBox(e, query.Box))
                            && PlaceNameIndex.Matches(e, query, text, spelling))
                .Select(e => new PlaceNameHit(e,
                    PlaceGeometry.DistanceMeters(near.Longitude, near.Latitude, e.X, e.Y)))
                .Where(hit => double.IsFinite(hit.DistanceMeters ?? double.NaN) && (covering || hit.DistanceMeters <= radius))
                .ToList();
            if (covering || hits.Count >= wanted)
            {
                return hits;
            }
        }
    }

    /// <summary>The entries that can contain both fragments: those under the rarest character pair of either.</summary>
    private IEnumerable<PlaceNameIndexEntry> WithFragments(string? text, string? spelling)
    {
        HashSet<string>? rarest = null;
        foreach (var fragment in new[] { text, spelling })
        {
            if (fragment is not { Length: >= 2 })
            {
                continue;
            }

            for (var i = 0; i + 2 <= fragment.Length; i++)
            {
                var ids = pairs.GetValueOrDefault(fragment.Substring(i, 2));
                if (ids is null)
                {
                    return [];
                }

                if (rarest is null || ids.Count < rarest.Count)
                {
                    rarest = ids;
                }
            }
        }

        return rarest is null ? entries.Values : rarest.Select(id => entries[id]);
    }

    private static IEnumerable<string> PairsOf(PlaceNameIndexEntry entry) =>
        new[] { entry.SearchName, entry.SearchSpelling }.Concat(entry.HistoricalSearchNames).Concat(entry.AliasSearchNames)
            .SelectMany(text => Enumerable.Range(0, Math.Max(0, text.Length - 1)).Select(i => text.Substring(i, 2)))
            .Distinct(StringComparer.Ordinal);

    private static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;

    private IEnumerable<PlaceNameIndexEntry> InBox(BoundingBox box)
    {
        var built = Tree();
        if (box.MinX <= box.MaxX)
        {
            return built.Query(new Envelope(box.MinX, box.MaxX, box.MinY, box.MaxY))
                .Where(e => PlaceNameIndex.InBox(e, box));
        }

        return built.Query(new Envelope(box.MinX, 180, box.MinY, box.MaxY))
            .Concat(built.Query(new Envelope(-180, box.MaxX, box.MinY, box.MaxY)))
            .Distinct()
            .Where(e => PlaceNameIndex.InBox(e, box));
    }

    private STRtree<PlaceNameIndexEntry> Tree()
    {
        if (tree is null)
        {
            var built = new STRtree<PlaceNameIndexEntry>();
            // A recorded name without geometry (NaN envelope) has no place in the tree.
            foreach (var entry in entries.Values.Where(e => double.IsFinite(e.MinX)))
            {
                built.Insert(new Envelope(entry.MinX, entry.MaxX, entry.MinY, entry.MaxY), entry);
            }

            built.Build();
            tree = built;
        }

        return tree;
    }

    private static string? Normalized(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : PlaceNameViews.SearchText(text.Trim());

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var partition = (int)this.GetPrimaryKeyLong();
        await foreach (var state in records.ReadAllAsync<PlaceNameState>(StorageNames.PlaceName,
                           id => PlaceNameIndex.PartitionOf(id) == partition, cancellationToken))
        {
            if (state.Id.Length == 0)
            {
                continue;
            }

            try
            {
                Apply(PlaceNameViews.IndexEntry(state, clock.Today));
            }
            catch (Exception e) when (e is Abstractions.Errors.DomainException)
            {
                logger.LogWarning("Place name {Id} has an unreadable geometry and is not indexed", state.Id);
            }
        }
    }

    private void Apply(PlaceNameIndexEntry entry)
    {
        // A newer revision, or the same revision computed on a later day (past the old entry's RefreshOn).
        if (!entries.TryGetValue(entry.Id, out var current) || current.Revision < entry.Revision
            || (current.Revision == entry.Revision && current.RefreshOn is { } refresh
                && (entry.RefreshOn is null || entry.RefreshOn > refresh)))
        {
            if (entry.RefreshOn is { } next)
            {
                due[entry.Id] = next;
            }
            else
            {
                due.Remove(entry.Id);
            }

            if (current is not null)
            {
                foreach (var pair in PairsOf(current))
                {
                    pairs[pair].Remove(current.Id);
                }
            }

            foreach (var pair in PairsOf(entry))
            {
                if (!pairs.TryGetValue(pair, out var ids))
                {
                    pairs[pair] = ids = new HashSet<string>(StringComparer.Ordinal);
                }

                ids.Add(entry.Id);
            }

            entries[entry.Id] = entry;
            tree = null;
        }
    }
}
