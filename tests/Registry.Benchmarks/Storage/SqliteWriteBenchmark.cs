using System.Diagnostics;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Benchmarks.Storage;

/// <summary>
/// Durable grain-state writes per second into the SQLite store at 1 and at N concurrent writers (distinct keys, each
/// write awaited before the writer's next one, as a grain does). The ratio shows what group commit buys.
/// Options: --writers N (default 64), --writes-per-writer M (default 200), --dir PATH (default: a temp directory).
/// </summary>
public sealed class SqliteWriteBenchmark : IBenchmark
{
    public string Name => "storage-sqlite-writes";

    public string Description => "durable SQLite state writes/s, 1 writer vs N concurrent writers (group commit)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var writers = Option(args, "--writers", 64);
        var perWriter = Option(args, "--writes-per-writer", 200);
        var directory = Path.Combine(Path.GetTempPath(), "registry-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var single = await MeasureAsync(Path.Combine(directory, "one.db"), 1, writers * perWriter / 8,
                cancellationToken);
            var many = await MeasureAsync(Path.Combine(directory, "many.db"), writers, perWriter, cancellationToken);
            Console.WriteLine($"1 writer:   {single.PerSecond,10:F0} writes/s  p50 {single.P50:F2} ms  p99 {single.P99:F2} ms");
            Console.WriteLine($"{writers} writers: {many.PerSecond,10:F0} writes/s  p50 {many.P50:F2} ms  p99 {many.P99:F2} ms");
            Console.WriteLine($"ratio: {many.PerSecond / single.PerSecond:F1}x");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double PerSecond, double P50, double P99)> MeasureAsync(string path, int writers,
        int perWriter, CancellationToken cancellationToken)
    {
        using var store = new SqliteGrainStateStore(path);
        await store.InitializeAsync(cancellationToken);
        var state = "{\"name\":\"" + new string('x', 400) + "\"}";
        var latencies = new double[writers * perWriter];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            string? etag = null;
            var key = new GrainStateKey("bench", $"bench/{w}");
            for (var i = 0; i < perWriter; i++)
            {
                var started = Stopwatch.GetTimestamp();
                etag = await store.WriteAsync(key, etag, state, cancellationToken);
                latencies[w * perWriter + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (latencies.Length / elapsed, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? int.Parse(args[index + 1]) : fallback;
    }
}
