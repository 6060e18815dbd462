using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Indexing;
using Registry.Grains.Places;
using Registry.Api.Hosting;
using Registry.Hosting;

namespace Registry.Api.Places;

/// <summary>
/// This process's copy of the whole place-name index, so a search is answered in the process by one
/// <see cref="PlaceNameSearcher"/> over every entry instead of by a call to each of the
/// <see cref="PlaceNameIndex.PartitionCount"/> partitions and a merge. Loaded in the background at start-up (<see
/// cref="PlaceNameReplicaPreload"/>: a search meanwhile waits for that load) or else on the first search (until it is,
/// searches go to the partitions, so a cold start answers as soon as they do); it subscribes to every
/// partition before copying it, and each partition tells it of every change before the upsert returns, so a client
/// reads its own writes. Entries are applied newest-wins, so a notification that overtakes a copy, or arrives twice,
/// changes nothing wrong. A partition rebuilt from the records, or whose version no longer matches at the renewal
/// every <see cref="RenewPeriod"/> (a notification lost, a partition activated anew elsewhere), is copied again
/// before the next search. The partitions let a subscription lapse after three minutes of their clock: a search
/// renews first when the bureau clock has moved a <see cref="RenewPeriod"/> past the last renewal (a timer renews an
/// idle copy too), so a clock that jumps (a test's) never leaves the copy unsubscribed and unaware. An entry whose rename or abolition takes effect is computed again by its partition
/// (<see cref="IPlaceNameIndexGrain.RefreshDueAsync"/>), which tells this copy. Thread-safe: searches share a read
/// lock, changes take the write lock.
/// </summary>
public sealed class PlaceNameReadReplica(IGrainFactory grains, BureauClock clock, WarmupLane lane,
    ILogger<PlaceNameReadReplica> logger)
    : PeriodicRenewal(RenewPeriod), IPlaceNameIndexObserver
{
    public static readonly TimeSpan RenewPeriod = TimeSpan.FromMinutes(1);

    private PlaceNameSearcher searcher = new();
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly PlaceNameIndexStamp?[] stamps = new PlaceNameIndexStamp?[PlaceNameIndex.PartitionCount];
    // How many times each partition was marked to be copied again, and the mark its last copy covered: a partition
    // is stale while they differ, so a mark that comes while a copy is made leaves it stale.
    private readonly long[] marks = new long[PlaceNameIndex.PartitionCount];
    private readonly long[] copiedMarks = new long[PlaceNameIndex.PartitionCount];
    // The copy of each partition under way, shared by every search that finds the partition stale meanwhile.
    private readonly Task?[] copying = new Task?[PlaceNameIndex.PartitionCount];
    private long copies;
    private readonly List<PlaceNameIndexEntry> pending = [];
    private readonly Lock loadLock = new();
    // Signalled once a search waits for the load: its remaining steps then run ahead of the warm-up lane's others.
    private readonly CancellationTokenSource searchWaits = new();
    private IPlaceNameIndexObserver? reference;
    private Task? loading;
    private volatile bool loaded;
    private long renewedAtTicks;
    private Task? renewing;

    /// <summary>Whether searches are answered from this copy (false until its first load completes).</summary>
    public bool IsLoaded => loaded;

    /// <summary>How many times a partition was copied again since the first load (after a rebuild or a missed
    /// change): once per stale partition, however many searches find it stale at the same time.</summary>
    public long PartitionCopies => Interlocked.Read(ref copies);

    /// <summary>The query's page: from this copy once loaded, else from the partitions (and the load is started).</summary>
    public async Task<PlaceNamePage> SearchAsync(PlaceNameQuery query)
    {
        if (!loaded && !await LoadUnderWayAsync())
        {
            // Started after the answer: the first search after a start does not wait behind the copy's own calls.
            var first = await grains.Get<IPlaceNameSearchGrain>(0).SearchAsync(query);
            _ = StartLoading();
            return first;
        }

        if (clock.Now.UtcTicks - Interlocked.Read(ref renewedAtTicks) >= RenewPeriod.Ticks)
        {
            await RenewOnceAsync();
        }

        await CatchUpAsync();
        var page = Read(() => searcher.Search(query with { Skip = 0, Take = query.Skip + query.Take }));
        return page with { Items = page.Items.Skip(query.Skip).Take(query.Take).ToList() };
    }

    /// <summary>
    /// Waits for a load already under way (started at start-up, see <see cref="PlaceNameReplicaPreload"/>) and says
    /// whether it completed: after a restart the partitions hand over their stored images without loading themselves,
    /// so asking them meanwhile would load each a second time, beside the copy, on the same cores. False when no load
    /// was started or it failed (the partitions answer).
    /// </summary>
    private async Task<bool> LoadUnderWayAsync()
    {
        Task? load;
        lock (loadLock)
        {
            load = loading;
        }

        if (load is null)
        {
            return false;
        }

        if (!load.IsCompleted && !searchWaits.IsCancellationRequested)
        {
            await searchWaits.CancelAsync();
        }

        try
        {
            await load;
            return loaded;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Loading the place-name replica failed; the partitions answer");
            return false;
        }
    }

    /// <summary>Starts the load (once; again after a failed one) and returns the task that completes with it.</summary>
    public Task StartLoading()
    {
        lock (loadLock)
        {
            if (loading is null || loading.IsFaulted || loading.IsCanceled)
            {
                // Without collections until loaded (BulkLoadMemory): nearly all it allocates is kept.
                loading = Task.Run(() => BulkLoadMemory.RunAsync(LoadAsync, logger));
            }

            return loading;
        }
    }

    public Task EntriesChangedAsync(int partition, PlaceNameIndexStamp stamp, IReadOnlyList<PlaceNameIndexEntry> entries)
    {
        Write(() =>
        {
            if (loaded)
            {
                foreach (var entry in entries)
                {
                    searcher.Apply(entry);
                }
            }
            else
            {
                // The first load replaces the whole copy: what is told meanwhile is applied after it.
                pending.AddRange(entries);
            }

            stamps[partition] = stamp;
        });
        return Task.CompletedTask;
    }

    public Task PartitionRebuiltAsync(int partition, PlaceNameIndexStamp stamp)
    {
        Write(() => MarkStale(partition));
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing) => gate.Dispose();

    /// <summary>Marks a partition to be copied again before the next search (under the write lock).</summary>
    private void MarkStale(int partition) => marks[partition]++;

    /// <summary>
    /// Renews the subscriptions and marks for a new copy every partition whose version is not the one this copy
    /// last heard of.
    /// </summary>
    public override async Task RenewAsync()
    {
        if (!loaded)
        {
            return;
        }

        Interlocked.Exchange(ref renewedAtTicks, clock.Now.UtcTicks);
        try
        {
            var observer = Reference();
            var current = await Task.WhenAll(Enumerable.Range(0, PlaceNameIndex.PartitionCount)
                .Select(p => grains.Get<IPlaceNameIndexGrain>(p).SubscribeAsync(observer)));
            Write(() =>
            {
                for (var p = 0; p < current.Length; p++)
                {
                    if (stamps[p] != current[p])
                    {
                        MarkStale(p);
                    }
                }
            });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Renewing the place-name replica's subscriptions failed; every partition is copied again");
            Write(() =>
            {
                for (var p = 0; p < marks.Length; p++)
                {
                    MarkStale(p);
                }
            });
        }
    }

    /// <summary>One renewal shared by the searches that find it due at the same time.</summary>
    private Task RenewOnceAsync()
    {
        lock (loadLock)
        {
            if (renewing is null || renewing.IsCompleted)
            {
                renewing = RenewAsync();
            }

            return renewing;
        }
    }

    /// <summary>
    /// Subscribes to every partition, then copies each, then restores one index from their posting lists (each
    /// partition's ids shifted past the previous partitions', so every list stays ascending) without computing an
    /// entry's terms, and applies what was told meanwhile. A partition that has not loaded its entries (after a
    /// restart) hands over its stored snapshot image, whose entries are read here (in parallel) and whose lists are
    /// read straight into the joined ones (<see cref="RestoreAsync"/>), and the entries written since it, applied after the
    /// restore like those told meanwhile.
    /// </summary>
    private async Task LoadAsync()
    {
        Interlocked.Exchange(ref renewedAtTicks, clock.Now.UtcTicks);
        var observer = Reference();
        // In the warm-up lane (one core fewer than the process has, shared with the organization index's load): each
        // partition is activated (its stored snapshot read), copied and decoded in turn, so the first requests after a
        // restart, health checks included, do not wait behind 16 activations at once. Once a search waits for the
        // copy, what is left of it runs ahead of the lane's other loads, on every core.
        var waited = searchWaits.Token;
        // Once a search waits, the warm-up starts nothing between the partitions' copies and their join.
        using var hold = lane.HoldWhileWaitedFor(waited);
        var copies = await Task.WhenAll(Enumerable.Range(0, PlaceNameIndex.PartitionCount).Select(p => lane.RunExpeditableAsync(async () =>
        {
            var grain = grains.Get<IPlaceNameIndexGrain>(p);
            await grain.SubscribeAsync(observer);
            var copy = await grain.CopyAsync(imageIfNotLoaded: true);
            return copy.Image is null ? PartitionPart.Of(copy) : await Task.Run(() => PartitionPart.Read(copy))
                ?? PartitionPart.Of(await grain.CopyAsync());
        }, waited)));
        // The images first (their lists are read from their bytes in that order), then the copies of loaded partitions.
        var parts = copies.Where(c => c.Image is not null).Concat(copies.Where(c => c.Image is null)).ToList();
        var documents = new List<(string Key, long Revision, PlaceNameIndexEntry Doc)>(parts.Sum(c => c.Documents.Count));
        foreach (var part in parts)
        {
            documents.AddRange(part.Documents);
        }

        var restored = await lane.RunExpeditableAsync(() => Task.Run(() => RestoreAsync(documents, parts,
            beside: waited.IsCancellationRequested)), waited);
        Write(() =>
        {
            searcher = restored;
            // Newest-wins: the entries written since an image, then those told meanwhile.
            foreach (var entry in copies.SelectMany(c => c.Since).Concat(pending))
            {
                searcher.Apply(entry);
            }

            pending.Clear();
            for (var p = 0; p < copies.Length; p++)
            {
                if (stamps[p] is not { } heard || heard.Epoch != copies[p].Stamp.Epoch || heard.Counter < copies[p].Stamp.Counter)
                {
                    stamps[p] = copies[p].Stamp;
                }
            }

            loaded = true;
        });
        logger.LogInformation("Place-name read replica loaded: {Entries} entries", documents.Count);
    }

    /// <summary>Copies the partitions marked stale, and computes again the entries due by today.</summary>
    private async Task CatchUpAsync()
    {
        var (copy, due) = Read(() => (
            Enumerable.Range(0, marks.Length).Where(p => marks[p] != copiedMarks[p]).ToList(),
            searcher.DueBy(clock.Today)));
        if (copy.Count > 0)
        {
            var observer = Reference();
            await Task.WhenAll(copy.Select(p => CopyOnceAsync(p, observer)));
        }

        if (due.Count > 0)
        {
            await Task.WhenAll(due.Select(PlaceNameIndex.PartitionOf).Distinct()
                .Select(p => grains.Get<IPlaceNameIndexGrain>(p).RefreshDueAsync()));
        }
    }

    /// <summary>
    /// The copy of <paramref name="partition"/> under way, or a new one: after a rebuild every search finds every
    /// partition stale until its copy is applied, and a copy each (16 partitions' entries per search waiting, at
    /// national scale) stalled the process for seconds. None when a copy completed since the caller found the partition
    /// stale (a search that read the stale list just before that copy was applied copied it a second time).
    /// </summary>
    private Task CopyOnceAsync(int partition, IPlaceNameIndexObserver observer)
    {
        lock (loadLock)
        {
            if (copying[partition] is not { IsCompleted: false } underWay)
            {
                // Copied since the caller found it stale (its copy completed in between): not copied again.
                if (Interlocked.Read(ref marks[partition]) == Interlocked.Read(ref copiedMarks[partition]))
                {
                    return Task.CompletedTask;
                }

                // Started outside the lock (it takes the copy's read lock before its first wait).
                copying[partition] = underWay = Task.Run(() => CopyAsync(partition, observer));
            }

            return underWay;
        }
    }

    /// <summary>Subscribes first (a change after this is told), then copies (a change before it is in the copy).</summary>
    private async Task CopyAsync(int partition, IPlaceNameIndexObserver observer)
    {
        Interlocked.Increment(ref copies);
        var mark = Read(() => marks[partition]);
        var grain = grains.Get<IPlaceNameIndexGrain>(partition);
        await grain.SubscribeAsync(observer);
        var copy = await grain.CopyAsync();
        Write(() =>
        {
            foreach (var entry in copy.Entries)
            {
                searcher.Apply(entry);
            }

            // Marked again while this copy was made (rebuilt once more): still stale, the next search copies it again.
            copiedMarks[partition] = mark;
            // A notification that overtook the copy may have left a newer version of the same activation.
            if (stamps[partition] is not { } heard || heard.Epoch != copy.Stamp.Epoch || heard.Counter < copy.Stamp.Counter)
            {
                stamps[partition] = copy.Stamp;
            }
        });
    }

    /// <summary>
    /// A searcher over every part's entries (<paramref name="documents"/>, in the order of <paramref name="parts"/>),
    /// restored from their posting lists without computing an entry's terms: what needs the entries alone (the packed
    /// texts, the grid, the due list) is built while the lists are joined, on another core when
    /// <paramref name="beside"/> (a search waits), else after them. Built entry by entry when the lists cannot be
    /// joined (not expected: an id lives in one partition, an image's entries were read).
    /// </summary>
    private async Task<PlaceNameSearcher> RestoreAsync(List<(string Key, long Revision, PlaceNameIndexEntry Doc)> documents,
        List<PartitionPart> parts, bool beside)
    {
        var joining = beside ? Task.Run(() => JoinPostings(parts)) : null;
        var restored = new PlaceNameSearcher();
        var entriesRestored = restored.Index.TryRestoreDocuments(documents, out var problem);
        if (entriesRestored)
        {
            restored.Restored();
        }

        var postings = joining is null ? JoinPostings(parts) : await joining;
        if (entriesRestored)
        {
            if (postings is null)
            {
                problem = "An image's posting lists are damaged.";
            }
            else if (restored.Index.TryRestorePostings(postings, out problem))
            {
                return restored;
            }
        }

        logger.LogWarning("The place-name partitions' lists could not be joined ({Problem}); applying every entry",
            problem);
        restored = new PlaceNameSearcher();
        foreach (var (_, _, entry) in documents)
        {
            restored.Apply(entry);
        }

        return restored;
    }

    /// <summary>
    /// The parts' posting lists as one index's, each part's ids shifted past those of the parts before it, so every
    /// list stays ascending: first the parts read from images, whose lists are read from the images' bytes straight
    /// into the joined lists (<see cref="PlaceNameIndexSnapshot.TryJoinPostings"/>), then those that handed over their
    /// lists (loaded before the copy), appended. Null when an image's lists are damaged (not expected: its entries
    /// were read).
    /// </summary>
    private static IReadOnlyCollection<KeyValuePair<string, List<int>>>? JoinPostings(List<PartitionPart> parts)
    {
        var joined = new List<KeyValuePair<string, List<int>>>();
        if (!PlaceNameIndexSnapshot.TryJoinPostings(parts.Where(c => c.Image is not null).Select(c => c.Image!).ToList(),
                joined))
        {
            return null;
        }

        if (parts.All(p => p.Postings.Count == 0))
        {
            return joined;
        }

        // Some partitions were loaded before the copy (not after a restart): their lists are appended by term.
        var postings = new Dictionary<string, List<int>>(joined, StringComparer.Ordinal);
        var offset = 0;
        foreach (var part in parts)
        {
            foreach (var (term, local) in part.Postings)
            {
                if (!postings.TryGetValue(term, out var ids))
                {
                    postings[term] = ids = new List<int>(local.Length);
                }

                foreach (var id in local)
                {
                    ids.Add(offset + id);
                }
            }

            offset += part.Documents.Count;
        }

        return postings;
    }

    /// <summary>One partition's copy as the load joins it: its entries, and its posting lists over local ids or the
    /// image they are to be read from, and the entries to apply after the restore (those written since a snapshot
    /// image).</summary>
    private sealed record PartitionPart(
        PlaceNameIndexStamp Stamp,
        IReadOnlyList<(string Key, long Revision, PlaceNameIndexEntry Doc)> Documents,
        IReadOnlyList<PlaceNamePosting> Postings,
        PlaceNameIndexSnapshot.ImageEntries? Image,
        IReadOnlyList<PlaceNameIndexEntry> Since)
    {
        public static PartitionPart Of(PlaceNamePartitionCopy copy) =>
            new(copy.Stamp, copy.Entries.Select((entry, i) => (entry.Id, copy.Versions[i], entry)).ToList(),
                copy.Postings, null, []);

        /// <summary>The copy's image read up to its posting lists, or null when it cannot be (the partition is then
        /// asked for its entries).</summary>
        public static PartitionPart? Read(PlaceNamePartitionCopy copy) =>
            PlaceNameIndexSnapshot.TryDecodeEntries(copy.Image!) is { } image
                ? new PartitionPart(copy.Stamp, image.Documents, [], image, copy.Entries)
                : null;
    }

    private IPlaceNameIndexObserver Reference()
    {
        lock (loadLock)
        {
            return reference ??= grains.CreateObjectReference<IPlaceNameIndexObserver>(this);
        }
    }

    private T Read<T>(Func<T> read)
    {
        gate.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    private void Write(Action write)
    {
        gate.EnterWriteLock();
        try
        {
            write();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }
}
