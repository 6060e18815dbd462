using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Logging;

namespace Registry.Grains.Indexing;

/// <summary>
/// Runs a bulk load (a process's copy of an index read from its partitions' stored images) with the runtime's
/// collections held off until it is done or has allocated <see cref="Budget"/>, then compacts the heap once, a little
/// later. What such a load allocates is mostly kept, so collections during it only mark and copy the growing copy again
/// and again: the national place-name copy's load after a restart made 13 full (background) collections and spent
/// some 1.5 of its 4.5 CPU-seconds in them, and its first search waited 2.6-3.6 s; without them, 1.4-2.0 s. What it
/// dropped (the stored images and their JSON, some 700 MB at national scale) then lies between what it kept, so the
/// load is followed by one blocking collection that compacts the large-object heap too (about half a second at
/// national scale): the process then holds less than when it collected all along (1.1 against 1.5 GB resident).
/// One load at a time holds the region; another meanwhile, or a runtime that refuses one, runs with collections as
/// usual. Measured 2026-12-06 (BENCHMARKS.md).
/// </summary>
public static class BulkLoadMemory
{
    /// <summary>What the region lets the process allocate before collections resume (the load then simply goes on
    /// with them): a national place-name load allocates some 1.5 GB.</summary>
    public const long Budget = 2L << 30;

    /// <summary>How long after the load the compacting collection runs: the searches that waited for the load are
    /// answered first.</summary>
    public static readonly TimeSpan CompactAfter = TimeSpan.FromSeconds(5);

    /// <summary>A load that allocated less than this (an empty or small index, a test's) is not followed by the
    /// compacting collection: it left little to compact, and the pause would be all it gained.</summary>
    public const long CompactFrom = 256L << 20;

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
                End(GC.GetTotalAllocatedBytes() - allocated >= CompactFrom, logger);
            }

            Volatile.Write(ref held, 0);
        }
    }

    private static void End(bool compact, ILogger logger)
    {
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The budget was spent and collections resumed during the load: the region has ended already.
        }

        if (!compact)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(CompactAfter);
            var clock = Stopwatch.StartNew();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            logger.LogInformation("Heap compacted after a bulk load in {Milliseconds} ms", clock.ElapsedMilliseconds);
        });
    }
}
