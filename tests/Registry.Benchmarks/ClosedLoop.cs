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
                starts[i] = Stopwatch.GetElapsedTime(origin, started).TotalMilliseconds;
            }
        }, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(origin);
        var seconds = elapsed.TotalSeconds;
        var stops = Slowest(phase, starts, latencies, DateTime.UtcNow - elapsed);
        Array.Sort(latencies);
        var result = new PhaseResult(phase, requests, errors, seconds, latencies[requests / 2],
            latencies[Math.Min(requests - 1, (int)(requests * 0.99))], latencies[^1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: {requests} in {seconds:F1} s = {result.PerSecond:N0}/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, {errors} errors"));
        if (stops is not null)
        {
            Console.WriteLine($"  {phase}, slowest 1%: {stops}");
        }

        return result;
    }

    /// <summary>A phase of at least this many requests says how its slowest 1% came (<see cref="Slowest"/>).</summary>
    private const int MinRequestsForStops = 1_000;

    /// <summary>
    /// What a phase tells of its slowest requests (<paramref name="starts"/> in ms from <paramref name="originUtc"/>,
    /// and <paramref name="latencies"/>, by request, unsorted): writes the timeline when asked
    /// (<see cref="WriteTimeline"/>) and describes how its slowest 1% came (<see cref="SlowestStops"/>), or null for
    /// a phase too short to say.
    /// </summary>
    internal static string? Slowest(string phase, double[] starts, double[] latencies, DateTime originUtc)
    {
        WriteTimeline(phase, starts, latencies, originUtc);
        return latencies.Length >= MinRequestsForStops ? SlowestStops(starts, latencies, originUtc) : null;
    }

    /// <summary>Requests whose answers came within this many ms of the previous slow one's are counted together.</summary>
    private const double TogetherMilliseconds = 30;

    /// <summary>
    /// How the slowest 1% of requests came (<paramref name="starts"/> in ms from <paramref name="originUtc"/>, and
    /// <paramref name="latencies"/>, by request): grouped by when each was answered, a group being answers that came
    /// within <see cref="TogetherMilliseconds"/> of each other. A few large groups (as many as the requests in flight)
    /// are stops of the whole process (a collection's pause), answered together when it resumed; many groups of one
    /// are queueing. Each group of four or more with its size and the UTC time its first answer came (to set beside
    /// the server's own record of its pauses).
    /// </summary>
    private static string SlowestStops(double[] starts, double[] latencies, DateTime originUtc)
    {
        var ends = starts.Select((start, i) => start + latencies[i]).ToArray();
        var slowest = Enumerable.Range(0, latencies.Length).OrderBy(i => latencies[i])
            .Skip((int)(latencies.Length * 0.99));
        var order = slowest.OrderBy(i => ends[i]).ToArray();
        var groups = new List<(double End, int Count)>();
        var previous = double.NegativeInfinity;
        foreach (var i in order)
        {
            if (ends[i] - previous < TogetherMilliseconds)
            {
                groups[^1] = (groups[^1].End, groups[^1].Count + 1);
            }
            else
            {
                groups.Add((ends[i], 1));
            }

            previous = ends[i];
        }

        var large = groups.Where(g => g.Count >= 4).ToList();
        var times = string.Join(", ", large.Select(g => string.Create(CultureInfo.InvariantCulture,
            $"{g.Count} at {originUtc.AddMilliseconds(g.End):HH:mm:ss.fff}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{order.Length} requests answered in {groups.Count} groups, {large.Sum(g => g.Count)} of them in " +
            $"{large.Count} of 4 or more ({times})");
    }

    /// <summary>
    /// When <c>REGISTRY_BENCH_TIMELINE</c> names a directory, writes each request's start (ms from the phase's start,
    /// whose UTC time heads the file) and latency there, one CSV per phase: to see whether the slowest requests come
    /// together (a stop of the whole process) or apart (queueing).
    /// </summary>
    private static void WriteTimeline(string phase, double[] starts, double[] latencies, DateTime originUtc)
    {
        if (Environment.GetEnvironmentVariable("REGISTRY_BENCH_TIMELINE") is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var name = string.Concat(phase.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
        File.WriteAllLines(Path.Combine(directory, name + ".csv"),
            new[] { string.Create(CultureInfo.InvariantCulture, $"# start {originUtc:O}; request start ms, latency ms") }
                .Concat(starts.Select((start, i) =>
                    string.Create(CultureInfo.InvariantCulture, $"{start:F2},{latencies[i]:F2}"))));
    }
}
