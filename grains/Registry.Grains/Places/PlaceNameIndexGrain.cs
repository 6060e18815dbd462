using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Orleans.Storage;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;

namespace Registry.Grains.Places;

/// <summary>
/// One partition of the place-name index; see <see cref="IPlaceNameIndexGrain"/> and <see cref="PlaceNameIndex"/>.
/// Its entries are stored by the partition itself in <see cref="PlaceNameIndex.PieceCount"/> pieces
/// (<see cref="StoredIndexPieces{TDoc}"/>) and held in memory as a <see cref="PostingIndex{TDoc}"/>, plus an STR-tree
/// over their envelopes, built on the first spatial query after a change and then only queried. Activation reads the
/// checkpoint and the partition's compact snapshot (<see cref="PlaceNameIndexSnapshot"/>: entries and posting lists,
/// restored without parsing JSON or computing terms) and then only the pieces written since that snapshot, which the
/// checkpoint lists before each is first written (so an entry stored just before a crash is read back); without a
/// valid snapshot it reads every piece and takes one. A timer takes a new snapshot every
/// <see cref="PlaceNameIndexOptions.SnapshotInterval"/> while pieces have changed. It never reads the place-name
/// records; only a partition without a checkpoint of the current
/// layout (a data directory written before the index kept its own state, or after a bulk import that wrote records
/// directly) builds its pieces from the records once, and <see cref="RebuildAsync"/> does so on request. Place-name
/// grains upsert their entry after each committed write (and the outbox relay until they have); versions
/// (<see cref="PlaceNameIndex.VersionOf"/>) make upserts idempotent and order-proof. Kept active so a partition is not
/// reloaded after idle periods.
/// </summary>
[GrainType(StorageNames.PlaceNameIndexGrainType)]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class PlaceNameIndexGrain(
    [PersistentState(StorageNames.PlaceNameIndex, StorageNames.Provider)]
    IPersistentState<PlaceNameIndexState> checkpoint,
    [PersistentState(StorageNames.PlaceNameIndexSnapshot, StorageNames.Provider)]
    IPersistentState<PlaceNameIndexSnapshotState> snapshot,
    IStoredRecords records,
    IServiceProvider services,
    BureauClock clock,
    TimeProvider time,
    IGrainFactory grains,
    ILogger<PlaceNameIndexGrain> logger) : Grain, IPlaceNameIndexGrain
{
    private const double MetersPerDegree = 111_320;
    private const double HalfCircumference = Math.PI * PlaceGeometry.EarthRadiusMeters;

    private readonly PostingIndex<PlaceNameIndexEntry> index = new(PlaceNameIndex.Terms);
    private StoredIndexPieces<PlaceNameIndexEntry> pieces = null!;
    private STRtree<PlaceNameIndexEntry>? tree;

    /// <summary>Entries computed before an approved rename or abolition takes effect, by the day they must be
    /// computed again (<see cref="PlaceNameIndexEntry.RefreshOn"/>): few, so a search checks them first.</summary>
    private readonly Dictionary<string, DateOnly> due = new(StringComparer.Ordinal);

    /// <summary>Built from the records by this activation and not used since: a rebuild that activated the partition
    /// (as after a bulk import) has nothing newer to read.</summary>
    private bool freshlyBuilt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        pieces = new StoredIndexPieces<PlaceNameIndexEntry>(
            services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), StorageNames.PlaceNameIndexPiece,
            StorageNames.PlaceNameIndexPiece, this.GetPrimaryKeyLong(), PlaceNameIndex.PieceCount,
            PlaceNameIndex.PieceOf, records);
        var interval = (services.GetService<PlaceNameIndexOptions>() ?? new PlaceNameIndexOptions()).SnapshotInterval;
        this.RegisterGrainTimer(SnapshotIfChangedAsync, new GrainTimerCreationOptions(interval, interval));
        var restored = false;
        if (checkpoint.State.PieceCount == PlaceNameIndex.PieceCount
            && checkpoint.State.EntryVersion == PlaceNameIndex.EntryVersion)
        {
            restored = await RestoreSnapshotAsync();
            if (!restored)
            {
                foreach (var (_, entry) in await pieces.LoadAsync())
                {
                    Apply(entry);
                }
            }
        }
        else if (records.CanScan)
        {
            logger.LogInformation("Place-name index partition {Partition} has no stored pieces of the current layout; building them from the records once",
                this.GetPrimaryKeyLong());
            await BuildFromRecordsAsync(cancellationToken);
            freshlyBuilt = true;
        }
        else
        {
            // Storage without scans (Azure Table) only ever held this layout: an empty partition is the truth.
            await StoreCheckpointAsync(0);
        }

        if (!restored)
        {
            await TakeSnapshotAsync();
        }
    }

    /// <summary>
    /// Starts from the stored snapshot the checkpoint names, then reads the pieces written since it. False (nothing
    /// applied) when there is none of this generation, format and entry version.
    /// </summary>
    private async Task<bool> RestoreSnapshotAsync()
    {
        if (checkpoint.State.SnapshotGeneration == 0
            || snapshot.State.Generation != checkpoint.State.SnapshotGeneration
            || !PlaceNameIndexSnapshot.TryRead(snapshot.State.Image, index))
        {
            return false;
        }

        foreach (var entry in index.All)
        {
            if (entry.RefreshOn is { } next)
            {
                due[entry.Id] = next;
            }
        }

        foreach (var (_, entry) in await pieces.LoadPiecesAsync(checkpoint.State.ChangedPieces))
        {
            Apply(entry);
        }

        return true;
    }

    /// <summary>Takes a snapshot when pieces were written since the last one (the timer's tick).</summary>
    private async Task SnapshotIfChangedAsync(CancellationToken cancellationToken)
    {
        if (checkpoint.State.ChangedPieces.Count > 0)
        {
            await TakeSnapshotAsync();
        }
    }

    /// <summary>
    /// Stores the partition as a snapshot of a new generation, then the checkpoint naming it with no changed pieces.
    /// Stopped between the two, the checkpoint still names the older generation, which no longer matches the stored
    /// snapshot: the next start reads every piece, as without a snapshot. Not taken while the checkpoint is not of
    /// the current layout (a bulk import forgot it: the next start builds from the records).
    /// </summary>
    private async Task TakeSnapshotAsync()
    {
        await checkpoint.ReadStateAsync();
        if (checkpoint.State.PieceCount != PlaceNameIndex.PieceCount
            || checkpoint.State.EntryVersion != PlaceNameIndex.EntryVersion)
        {
            return;
        }

        var generation = Math.Max(snapshot.State.Generation, checkpoint.State.SnapshotGeneration) + 1;
        snapshot.State.Generation = generation;
        snapshot.State.TakenAt = time.GetUtcNow();
        snapshot.State.Entries = index.Count;
        snapshot.State.Image = PlaceNameIndexSnapshot.Write(index);
        await snapshot.WriteStateAsync();
        checkpoint.State.SnapshotGeneration = generation;
        checkpoint.State.ChangedPieces.Clear();
        await checkpoint.WriteStateAsync();
    }

    /// <summary>
    /// Lists <paramref name="piece"/> in the checkpoint as written since the snapshot, stored before the piece is:
    /// a start from the snapshot then reads it again. Nothing to do without a snapshot in use or when it is listed.
    /// </summary>
    private async Task ListChangedPieceAsync(int piece)
    {
        if (checkpoint.State.SnapshotGeneration == 0 || checkpoint.State.ChangedPieces.Contains(piece))
        {
            return;
        }

        try
        {
            checkpoint.State.ChangedPieces.Add(piece);
            await checkpoint.WriteStateAsync();
        }
        catch (Exception error) when (error is not StorageUnavailableException)
        {
            // Most likely a bulk import forgot the checkpoint behind this activation's back (PlaceNameIndexReset):
            // read it again; without a snapshot in use there is nothing to list.
            logger.LogInformation(error, "Place-name index partition {Partition} reads its checkpoint again",
                this.GetPrimaryKeyLong());
            await checkpoint.ReadStateAsync();
            if (checkpoint.State.SnapshotGeneration != 0 && !checkpoint.State.ChangedPieces.Contains(piece))
            {
                checkpoint.State.ChangedPieces.Add(piece);
                await checkpoint.WriteStateAsync();
            }
        }
    }

    public async Task UpsertAsync(PlaceNameIndexEntry entry)
    {
        freshlyBuilt = false;
        if (index.RevisionOf(entry.Id) >= PlaceNameIndex.VersionOf(entry))
        {
            return;
        }

        // Stored first: if the write fails, memory is unchanged and the sender's retry is not mistaken for a duplicate.
        await ListChangedPieceAsync(PlaceNameIndex.PieceOf(entry.Id));
        await pieces.PutAsync(entry.Id, entry);
        Apply(entry);
    }

    public async Task<PlaceNamePage> SearchAsync(PlaceNameQuery query)
    {
        freshlyBuilt = false;
        await RefreshDueAsync();
        var text = PlaceNameIndex.Normalized(query.Text);
        var spelling = PlaceNameIndex.Normalized(query.Romanization);
        var wanted = query.Skip + query.Take;
        List<PlaceNameHit> hits;
        if (query.Near is { } near)
        {
            hits = Nearest(query, near, text, spelling, wanted);
        }
        else
        {
            var candidates = query.Box is { } box
                ? InBox(box)
                : index.Matching(PlaceNameIndex.QueryTerms(query, text, spelling));
            hits = Hits(candidates, query, text, spelling, _ => null).ToList();
        }

        var total = hits.Count;
        var order = PlaceNameIndex.Order(query);
        return new PlaceNamePage(total, hits.Count <= wanted * 4
            ? hits.Order(order).Take(wanted).ToList()
            : Top(hits, order, wanted));
    }

    public async Task<int> RebuildAsync()
    {
        if (freshlyBuilt)
        {
            freshlyBuilt = false;
            // Nothing newer to read, unless a bulk import forgot the checkpoint since this activation built (a
            // partition activated by anything before an import into the running service).
            await checkpoint.ReadStateAsync();
            if (checkpoint.State.PieceCount == PlaceNameIndex.PieceCount
                && checkpoint.State.EntryVersion == PlaceNameIndex.EntryVersion)
            {
                return index.Count;
            }
        }

        await BuildFromRecordsAsync(CancellationToken.None);
        await TakeSnapshotAsync();
        return index.Count;
    }

    private static IEnumerable<PlaceNameHit> Hits(IEnumerable<PlaceNameIndexEntry> candidates, PlaceNameQuery query,
        string? text, string? spelling, Func<PlaceNameIndexEntry, double?> distance) =>
        candidates.Where(e => PlaceNameIndex.Matches(e, query, spelling))
            .Select(e => PlaceNameIndex.Hit(e, text, distance(e)))
            .OfType<PlaceNameHit>();

    /// <summary>The first <paramref name="wanted"/> of <paramref name="hits"/> in order, without sorting them all.</summary>
    private static List<PlaceNameHit> Top(List<PlaceNameHit> hits, IComparer<PlaceNameHit> order, int wanted)
    {
        // A max-heap of the best `wanted` seen so far: its root is the worst kept, replaced by anything better.
        var heap = new PriorityQueue<PlaceNameHit, PlaceNameHit>(wanted + 1,
            Comparer<PlaceNameHit>.Create((a, b) => order.Compare(b, a)));
        foreach (var hit in hits)
        {
            if (heap.Count < wanted)
            {
                heap.Enqueue(hit, hit);
            }
            else if (wanted > 0 && order.Compare(hit, heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(hit, hit);
            }
        }

        return heap.UnorderedItems.Select(i => i.Element).Order(order).ToList();
    }

    /// <summary>
    /// Replaces, in memory, the entries whose rename or abolition has taken effect since they were computed with the
    /// records' entries as of today: the name in force changes on its day without a background job. Not stored here
    /// (a search may interleave with another); the record's next write stores its entry, and until then a restart
    /// recomputes these few again on the first search.
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
    /// The entries within a circle around the point that holds at least <paramref name="wanted"/> matches, or every
    /// match when the partition has fewer. Without a text or other filter, a k-nearest search of the STR-tree (planar,
    /// in degrees) finds <paramref name="wanted"/> matching entries near the point; the farthest of them by great
    /// circle bounds the circle, so one box query answers exactly. With filters, or where the tree gives too few, the
    /// circle widens from 20 km until it holds enough or covers the globe.
    /// </summary>
    private List<PlaceNameHit> Nearest(PlaceNameQuery query, GeoPoint near, string? text, string? spelling, int wanted)
    {
        for (var radius = 10_000.0; ; radius *= 2)
        {
            var (hits, covering) = Within(query, near, text, spelling, radius);
            if (covering || hits.Count >= wanted)
            {
                return hits;
            }
        }
    }

    /// <summary>
    /// The matches within <paramref name="radius"/> metres (great circle) of the point: a box query on the tree, then
    /// the distance. The box is drawn for a slightly larger circle (1 %, and 1 m), so rounding and the difference
    /// between a degree of latitude and <see cref="MetersPerDegree"/> never leave a point of the circle outside it.
    /// <c>Covering</c>: the circle covers the globe, so every match is in.
    /// </summary>
    private (List<PlaceNameHit> Hits, bool Covering) Within(PlaceNameQuery query, GeoPoint near, string? text,
        string? spelling, double radius)
    {
        var covering = radius >= HalfCircumference;
        var drawn = radius * 1.01 + 1;
        var latSpan = drawn / MetersPerDegree;
        var farthestLat = Math.Min(90, Math.Abs(near.Latitude) + latSpan);
        var cos = Math.Cos(farthestLat * Math.PI / 180);
        var lonSpan = cos <= 1e-9 ? 360 : drawn / (MetersPerDegree * cos);
        var candidates = covering ? index.All
            : InBox(new BoundingBox(
                lonSpan >= 180 ? -180 : Wrap(near.Longitude - lonSpan),
                Math.Max(-90, near.Latitude - latSpan),
                lonSpan >= 180 ? 180 : Wrap(near.Longitude + lonSpan),
                Math.Min(90, near.Latitude + latSpan)));
        var hits = Hits(candidates.Where(e => query.Box is null || PlaceNameIndex.InBox(e, query.Box)), query, text,
                spelling, e => PlaceGeometry.DistanceMeters(near.Longitude, near.Latitude, e.X, e.Y))
            .Where(hit => double.IsFinite(hit.DistanceMeters ?? double.NaN) && (covering || hit.DistanceMeters <= radius))
            .ToList();
        return (hits, covering);
    }

    /// <summary>
    /// Planar distance between envelopes, in degrees, for the tree's k-nearest search; an entry the query's filters
    /// refuse is as far as can be, so it is taken only when too few others exist (and then dropped by the caller).
    /// </summary>
    private sealed class MatchingEntryDistance(PlaceNameQuery query) : IItemDistance<Envelope, PlaceNameIndexEntry>
    {
        public double Distance(IBoundable<Envelope, PlaceNameIndexEntry> item1, IBoundable<Envelope, PlaceNameIndexEntry> item2)
        {
            var entry = item1.Item ?? item2.Item;
            return entry is not null && !PlaceNameIndex.Matches(entry, query, null)
                ? double.MaxValue
                : item1.Bounds.Distance(item2.Bounds);
        }
    }

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
            foreach (var entry in index.All.Where(e => double.IsFinite(e.MinX)))
            {
                built.Insert(new Envelope(entry.MinX, entry.MaxX, entry.MinY, entry.MaxY), entry);
            }

            built.Build();
            tree = built;
        }

        return tree;
    }

    /// <summary>
    /// Reads this partition's share of the place-name records, stores every piece from them and then the
    /// checkpoint. Interrupted, it leaves no checkpoint of the current layout, so the next activation builds again;
    /// entries already stored are simply replaced.
    /// </summary>
    private async Task BuildFromRecordsAsync(CancellationToken cancellationToken)
    {
        var partition = (int)this.GetPrimaryKeyLong();
        var today = clock.Today;
        var built = new Dictionary<string, PlaceNameIndexEntry>(StringComparer.Ordinal);
        void Keep(PlaceNameIndexEntry entry)
        {
            if (!built.TryGetValue(entry.Id, out var other) || PlaceNameIndex.VersionOf(other) < PlaceNameIndex.VersionOf(entry))
            {
                built[entry.Id] = entry;
            }
        }

        await foreach (var state in records.ReadAllAsync<PlaceNameState>(StorageNames.PlaceName,
                           id => PlaceNameIndex.PartitionOf(id) == partition, cancellationToken))
        {
            if (state.Id.Length == 0)
            {
                continue;
            }

            try
            {
                Keep(PlaceNameViews.IndexEntry(state, today));
            }
            catch (DomainException)
            {
                logger.LogWarning("Place name {Id} has an unreadable geometry and is not indexed", state.Id);
            }
        }

        // An upsert newer than the record read (none can interleave: upserts and rebuilds are not reentrant) is kept.
        foreach (var current in index.All)
        {
            Keep(current);
        }

        // The snapshot in use no longer holds what the pieces will: forgotten first, so a stop before the new one is
        // taken starts from every piece.
        await ForgetSnapshotAsync();
        await pieces.ReplaceAllAsync(built);
        index.Clear();
        due.Clear();
        tree = null;
        foreach (var entry in built.Values)
        {
            Apply(entry);
        }

        await StoreCheckpointAsync(index.Count);
    }

    private async Task ForgetSnapshotAsync()
    {
        await checkpoint.ReadStateAsync();
        if (checkpoint.State.SnapshotGeneration != 0)
        {
            checkpoint.State.SnapshotGeneration = 0;
            checkpoint.State.ChangedPieces.Clear();
            await checkpoint.WriteStateAsync();
        }
    }

    private async Task StoreCheckpointAsync(int entries)
    {
        // Read first: a bulk import may have removed the checkpoint behind this activation's back
        // (PlaceNameIndexReset), and a write against the old version would be refused.
        await checkpoint.ReadStateAsync();
        checkpoint.State.PieceCount = PlaceNameIndex.PieceCount;
        checkpoint.State.EntryVersion = PlaceNameIndex.EntryVersion;
        checkpoint.State.BuiltAt = time.GetUtcNow();
        checkpoint.State.BuiltEntries = entries;
        await checkpoint.WriteStateAsync();
    }

    private void Apply(PlaceNameIndexEntry entry)
    {
        if (!index.Put(entry.Id, PlaceNameIndex.VersionOf(entry), entry))
        {
            return;
        }

        if (entry.RefreshOn is { } next)
        {
            due[entry.Id] = next;
        }
        else
        {
            due.Remove(entry.Id);
        }

        tree = null;
    }
}
