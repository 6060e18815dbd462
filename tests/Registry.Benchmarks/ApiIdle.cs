using System.Diagnostics;

namespace Registry.Benchmarks;

/// <summary>
/// Waits until the API under test is idle: under 5% of a core (50 ms of CPU a second) for two seconds in a row. What
/// a bulk phase left behind (the outbox relay publishing what an import stored, index snapshots written after it) is
/// then done, so the next phase measures its own requests and not that work too.
/// </summary>
public static class ApiIdle
{
    /// <summary>Waits for idleness of the process whose CPU time <paramref name="cpuTime"/> reads, and returns how long
    /// the process kept working (the wait, less the two idle seconds).</summary>
    public static async Task<TimeSpan> WaitAsync(Func<TimeSpan> cpuTime, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var idle = 0;
        var last = cpuTime();
        while (idle < 2)
        {
            // Watching another process's CPU: there is nothing to await.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = cpuTime();
            idle = (now - last).TotalMilliseconds < 50 ? idle + 1 : 0;
            last = now;
        }

        return started.Elapsed - TimeSpan.FromSeconds(idle);
    }
}
