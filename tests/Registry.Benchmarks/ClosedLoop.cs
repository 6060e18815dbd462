using System.Diagnostics;
using System.Globalization;

namespace Registry.Benchmarks;

/// <summary>One measured phase: how many requests, how many failed, how long it took and its latencies in ms.</summary>
public sealed record PhaseResult(string Phase, int Requests, int Errors, double Seconds, double P50, double P99,
    double Max)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> loops each send request i (a shared counter) and wait for its answer before
/// taking the next, timing every request.
/// </summary>
public static class ClosedLoop
{
    /// <summary>Sends requests 0 .. <paramref name="requests"/> - 1 through <paramref name="send"/> (false: an
    /// error) and prints a one-line summary.</summary>
    public static async Task<PhaseResult> MeasureAsync(string phase, int requests, int concurrency,
        Func<int, Task<bool>> send, CancellationToken cancellationToken)
    {
        var latencies = new double[requests];
        var starts = new double[requests];
        var errors = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var origin = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await send(i))
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                starts[i] = (started - origin) * 1000.0 / Stopwatch.Frequency;
            }
        }, cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        WriteTimeline(phase, starts, latencies);
        Array.Sort(latencies);
        var result = new PhaseResult(phase, requests, errors, seconds, latencies[requests / 2],
            latencies[Math.Min(requests - 1, (int)(requests * 0.99))], latencies[^1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: {requests} in {seconds:F1} s = {result.PerSecond:N0}/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, {errors} errors"));
        return result;
    }

    /// <summary>
    /// When <c>REGISTRY_BENCH_TIMELINE</c> names a directory, writes each request's start (ms from the phase's start)
    /// and latency there, one CSV per phase: to see whether the slowest requests come together (a stop of the whole
    /// process) or apart (queueing).
    /// </summary>
    private static void WriteTimeline(string phase, double[] starts, double[] latencies)
    {
        if (Environment.GetEnvironmentVariable("REGISTRY_BENCH_TIMELINE") is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var name = string.Concat(phase.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
        File.WriteAllLines(Path.Combine(directory, name + ".csv"),
            starts.Select((start, i) => string.Create(CultureInfo.InvariantCulture, $"{start:F2},{latencies[i]:F2}")));
    }
}
