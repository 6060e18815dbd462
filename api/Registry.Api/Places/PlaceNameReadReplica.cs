using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Places;
using Registry.Api.Hosting;

namespace Registry.Api.Places;

/// <summary>
/// This process's copy of the whole place-name index, so a search is answered in the process instead of by a call to
/// each of the <see cref="PlaceNameIndex.PartitionCount"/> partitions and a merge: one <see cref="PlaceNameSearcher"/>
/// per partition, searched together as one (<see cref="PlaceNameSearcher.Search(IReadOnlyList{PlaceNameSearcher}, PlaceNameQuery)"/>:
/// the same page and count as a single searcher over every entry), so each partition's stored image is restored as
/// it is, with no joining of the partitions' posting lists. Loaded in the background at start-up (<see
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
public sealed class PlaceNameReadReplica(IGrainFactory grains, BureauClock clock, ILogger<PlaceNameReadReplica> logger)
    : PeriodicRenewal(RenewPeriod), IPlaceNameIndexObserver
{
    public static readonly TimeSpan RenewPeriod = TimeSpan.FromMinutes(1);

    private PlaceNameSearcher[] parts = NewParts();
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly PlaceNameIndexStamp?[] stamps = new PlaceNameIndexStamp?[PlaceNameIndex.PartitionCount];
    private readonly bool[] stale = new bool[PlaceNameIndex.PartitionCount];
    private readonly List<PlaceNameIndexEntry> pending = [];
    private readonly Lock loadLock = new();
    private IPlaceNameIndexObserver? reference;
    private Task? loading;
    private volatile bool loaded;
    private long renewedAtTicks;
    private Task? renewing;

    /// <summary>Whether searches are answered from this copy (false until its first load completes).</summary>
    public bool IsLoaded => loaded;

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
        var page = Read(() => PlaceNameSearcher.Search(parts, query with { Skip = 0, Take = query.Skip + query.Take }));
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
                loading = Task.Run(LoadAsync);
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
                    PartOf(entry).Apply(entry);
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
        Write(() => stale[partition] = true);
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing) => gate.Dispose();

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
                    stale[p] |= stamps[p] != current[p];
                }
            });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Renewing the place-name replica's subscriptions failed; every partition is copied again");
            Write(() => Array.Fill(stale, true));
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
    /// Subscribes to every partition, then copies each into a searcher of its own (restored from its posting lists,
    /// without computing an entry's terms), and applies what was told meanwhile. A partition that has not loaded its
    /// entries (after a restart) hands over its stored snapshot image, restored here (in parallel), and the entries
    /// written since it, applied after the image.
    /// </summary>
    private async Task LoadAsync()
    {
        Interlocked.Exchange(ref renewedAtTicks, clock.Now.UtcTicks);
        var observer = Reference();
        // One core fewer than the process has copies and restores at a time: at start-up the load would otherwise fill
        // every core (and the thread pool's queue) and the first requests, health checks included, would wait behind it.
        using var slots = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount - 1));
        var copies = await Task.WhenAll(Enumerable.Range(0, PlaceNameIndex.PartitionCount).Select(async p =>
        {
            var grain = grains.Get<IPlaceNameIndexGrain>(p);
            await grain.SubscribeAsync(observer);
            await slots.WaitAsync();
            try
            {
                var copy = await grain.CopyAsync(imageIfNotLoaded: true);
                var part = await Task.Run(() => Restore(copy));
                if (part is null)
                {
                    // The image could not be read: the partition loads itself and hands over its lists.
                    copy = await grain.CopyAsync();
                    part = Restore(copy)!;
                }

                return (Part: part, copy.Stamp);
            }
            finally
            {
                slots.Release();
            }
        }));

        Write(() =>
        {
            parts = copies.Select(c => c.Part).ToArray();
            // Newest-wins: what was told meanwhile.
            foreach (var entry in pending)
            {
                PartOf(entry).Apply(entry);
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
        logger.LogInformation("Place-name read replica loaded: {Entries} entries", parts.Sum(p => p.Count));
    }

    /// <summary>
    /// One partition's searcher from its copy: its stored image and then the entries written since it, or its entries
    /// and posting lists (entry by entry should the lists not fit them, which is not expected); null when the image
    /// cannot be read.
    /// </summary>
    private PlaceNameSearcher? Restore(PlaceNamePartitionCopy copy)
    {
        var part = new PlaceNameSearcher();
        if (copy.Image is { } image)
        {
            if (!PlaceNameIndexSnapshot.TryRead(image, part.Index))
            {
                return null;
            }

            part.Restored();
            foreach (var entry in copy.Entries)
            {
                part.Apply(entry);
            }

            return part;
        }

        try
        {
            part.Index.Restore(copy.Entries.Select((entry, i) => (entry.Id, copy.Versions[i], entry)).ToList(),
                copy.Postings.Select(p => KeyValuePair.Create(p.Term, new List<int>(p.Ids))));
        }
        catch (ArgumentException e)
        {
            logger.LogWarning(e, "A place-name partition's lists do not fit its entries; applying every entry");
            foreach (var entry in copy.Entries)
            {
                part.Apply(entry);
            }
        }

        part.Restored();
        return part;
    }

    private static PlaceNameSearcher[] NewParts() =>
        Enumerable.Range(0, PlaceNameIndex.PartitionCount).Select(_ => new PlaceNameSearcher()).ToArray();

    /// <summary>The searcher of the entry's partition.</summary>
    private PlaceNameSearcher PartOf(PlaceNameIndexEntry entry) => parts[PlaceNameIndex.PartitionOf(entry.Id)];

    /// <summary>Copies the partitions marked stale, and computes again the entries due by today.</summary>
    private async Task CatchUpAsync()
    {
        var (copy, due) = Read(() => (
            Enumerable.Range(0, stale.Length).Where(p => stale[p]).ToList(),
            parts.SelectMany(p => p.DueBy(clock.Today)).ToList()));
        if (copy.Count > 0)
        {
            var observer = Reference();
            await Task.WhenAll(copy.Select(p => CopyAsync(p, observer)));
        }

        if (due.Count > 0)
        {
            await Task.WhenAll(due.Select(PlaceNameIndex.PartitionOf).Distinct()
                .Select(p => grains.Get<IPlaceNameIndexGrain>(p).RefreshDueAsync()));
        }
    }

    /// <summary>Subscribes first (a change after this is told), then copies (a change before it is in the copy).</summary>
    private async Task CopyAsync(int partition, IPlaceNameIndexObserver observer)
    {
        var grain = grains.Get<IPlaceNameIndexGrain>(partition);
        await grain.SubscribeAsync(observer);
        var copy = await grain.CopyAsync();
        Write(() =>
        {
            foreach (var entry in copy.Entries)
            {
                parts[partition].Apply(entry);
            }

            stale[partition] = false;
            // A notification that overtook the copy may have left a newer version of the same activation.
            if (stamps[partition] is not { } heard || heard.Epoch != copy.Stamp.Epoch || heard.Counter < copy.Stamp.Counter)
            {
                stamps[partition] = copy.Stamp;
            }
        });
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
