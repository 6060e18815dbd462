namespace Registry.Grains.Indexing;

/// <summary>
/// Returns what an index partition let go to the system without waiting for the runtime's next full collection: a
/// process that is then idle, or only answers reads that allocate little, may not collect its oldest generation for
/// hours, so the entries of 16 national place-name partitions (about a gigabyte) stayed resident after they were let go.
/// One background collection, a few seconds after the first request, serves every partition that lets go meanwhile
/// (they tick together); it does not stop the process's threads.
/// </summary>
public static class ReleasedMemory
{
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(5);
    private static int pending;

    /// <summary>Asks for one background full collection a few seconds from now, unless one is already asked for.</summary>
    public static void Collect()
    {
        if (Interlocked.Exchange(ref pending, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(Gather);
            Volatile.Write(ref pending, 0);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
        });
    }
}
