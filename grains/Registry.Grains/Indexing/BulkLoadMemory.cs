using Microsoft.Extensions.Logging;

namespace Registry.Grains.Indexing;

/// <summary>
/// Runs a bulk load (a process's copy of an index read from its partitions' stored images) with the runtime's
/// collections held off until it is done or the process has allocated <see cref="Budget"/>, then starts one
/// background full collection, a little later (after a small load: one collection of the youngest generation, at
/// once). What such a load allocates is mostly kept, so collections during it only mark and copy the growing copy
/// again and again: the national place-name copy's load after a restart made 13 full (background) collections and
/// spent some 1.5 of its 4.5 CPU-seconds in them, and its first search waited 2.6-3.6 s; without them, 1.4-2.0 s. What it dropped (the stored images and their JSON, some 700 MB at national
/// scale) is then freed by the background collection, which runs beside requests. A blocking collection that
/// compacted the heap instead (until 2026-12-06) kept the process 250-600 MB smaller but stopped every request for
/// 0.55-0.75 s a few seconds after each national restart, the slowest answer of the restart's reads. The background
/// collection does not spare that stop, it moves it: what the load kept (some 1.2 GB at national scale) is still in
/// the youngest generation, and the first collections that find it promote it, stopping the process for 0.6-0.9 s
/// in all (a forced collection of it 1 s after the load instead: 0.58-0.64 s; measured 2026-12-07). One load at a
/// time holds the region; another meanwhile, or a runtime that refuses one, runs with collections as usual. Measured
/// 2026-12-06 (BENCHMARKS.md).
/// </summary>
public static class BulkLoadMemory
{
    /// <summary>
    /// What the region lets the process allocate before collections resume (the load then simply goes on with them):
    /// <see cref="BudgetFor"/> the memory the runtime may use. The region holds for the whole process, so the budget
    /// covers what runs beside the load: a national place-name load allocates some 1.4 GB, and the organization index's
    /// load that a search starts beside it (900,000 organizations) 1.2 GB more. With a 2 GB budget that pair ended the
    /// region half-way through the place names' load, whose first search then waited 2.2-2.6 s after an organization
    /// search instead of 1.25-1.4 (2026-12-06, BENCHMARKS.md).
    /// </summary>
    public static readonly long Budget = BudgetFor(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The most a region asks for, however large the machine: a national restart's two loads with
    /// room.</summary>
    public const long MostBudget = 7L << 29;

    /// <summary>A region's budget for a process that may use <paramref name="availableBytes"/>: a quarter of it, at
    /// most <see cref="MostBudget"/>, so a small machine or container keeps its collections for what it cannot
    /// spare.</summary>
    public static long BudgetFor(long availableBytes) => Math.Clamp(availableBytes / 4, 0, MostBudget);

    /// <summary>How long after the load the full collection starts: the searches that waited for the load are
    /// answered first.</summary>
    public static readonly TimeSpan CollectAfter = TimeSpan.FromSeconds(5);

    /// <summary>A load that allocated less than this (an empty or small index, a test's) is not followed by the full
    /// collection: it left little to free. One collection of the youngest generation follows it at once instead, so
    /// that the runtime's own collections resume at their usual pace.</summary>
    public const long CollectFrom = 256L << 20;

    private static int held;

    /// <summary>Runs <paramref name="load"/> in a region without collections when none is held, else as usual.</summary>
    public static async Task RunAsync(Func<Task> load, ILogger logger)
    {
        if (Interlocked.Exchange(ref held, 1) == 1)
        {
            await load();
            return;
        }

        var started = false;
        var allocated = GC.GetTotalAllocatedBytes();
        try
        {
            try
            {
                started = GC.TryStartNoGCRegion(Budget, Budget / 2, disallowFullBlockingGC: true);
            }
            catch (Exception error) when (error is InvalidOperationException or ArgumentOutOfRangeException)
            {
                // Already in a region (not this one), or a budget this runtime cannot give: collections as usual.
                logger.LogInformation(error, "Bulk load runs with collections as usual");
            }

            await load();
        }
        finally
        {
            if (started)
            {
                End(GC.GetTotalAllocatedBytes() - allocated >= CollectFrom, logger);
            }

            Volatile.Write(ref held, 0);
        }
    }

    private static void End(bool collect, ILogger logger)
    {
        var endedHere = true;
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The budget was spent and collections resumed during the load: the region has ended already.
            endedHere = false;
        }

        if (!collect)
        {
            // The region leaves its budget as the allowance before the next collection: without one now, the process
            // would next collect only after allocating that much again. An empty place-name copy's region at the
            // start of an archive import was followed by 1.9 GB allocated without a collection, the process at 2.3 GB
            // instead of 0.47 (2026-12-07, BENCHMARKS.md). A small load left little in the youngest generation, so
            // collecting it now is short. A region that ended with its budget spent left the usual allowance.
            if (endedHere)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            }

            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(CollectAfter);
            // Background and not compacting: the runtime compacts later if it finds that worth a pause.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false, compacting: false);
            logger.LogInformation("Full background collection started after a bulk load");
        });
    }
}
