namespace Registry.Hosting;

/// <summary>
/// Where the loads that follow a start run: the organization index's partitions (<c>OrganizationIndexWarmup</c>) and
/// the API's copy of the place-name index, one partition at a time on one core fewer than the process has, whoever
/// started them. After a national restart they are some 15-20 CPU-seconds of reading and decoding stored snapshots;
/// run side by side they filled both cores of a 2-core machine and the first requests, health checks included, waited
/// seconds behind them. A load that a search waits for runs here too, in turn.
/// </summary>
public sealed class WarmupLane(int slots) : IDisposable
{
    private readonly SemaphoreSlim slots = new(slots, slots);

    /// <summary>A lane of one slot fewer than the process has cores (at least one).</summary>
    public WarmupLane() : this(Math.Max(1, Environment.ProcessorCount - 1))
    {
    }

    /// <summary>Runs <paramref name="load"/> once a slot is free and returns its result.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> load, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await load();
        }
        finally
        {
            slots.Release();
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<Task> load, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            await load();
            return true;
        }, cancellationToken);

    public void Dispose() => slots.Dispose();
}
