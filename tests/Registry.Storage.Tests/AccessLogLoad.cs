using Registry.Abstractions.Persons;

namespace Registry.Storage.Tests;

/// <summary>
/// The size target of the append-only access log (issue 19, part 7): 100,000 logged reads in under 50 MB. The entries
/// are as the grains write them: a UTC instant, a user name, an action, an 18-character document key and, for half of
/// them, a marriage record id; appended in batches of 100 as the silo's batching writer does under load.
/// </summary>
internal static class AccessLogLoad
{
    public const int Count = 100_000;
    public const long MaximumBytes = 50L * 1_000_000;
    private const int BatchSize = 100;
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 0, 30, 0, TimeSpan.Zero);

    /// <summary>Entry <paramref name="i"/>: 2,000 subjects, 40 actors, one read every 0.8 s over a day.</summary>
    public static AccessLogEntry Entry(int i) => new(
        Start.AddMilliseconds(i * 800L + i % 7),
        $"registrar-{i % 40:00}",
        i % 2 == 0 ? "marital-status" : "marriage-record",
        $"subject-{i % 2_000:000000000000}",
        i % 2 == 0 ? null : $"marriage/{i % 2_000:000000}");

    public static async Task AppendAsync(IGrainStateStore store, CancellationToken cancellationToken)
    {
        for (var start = 0; start < Count; start += BatchSize)
        {
            await store.AppendAccessLogAsync(
                Enumerable.Range(start, BatchSize).Select(Entry).ToList(), cancellationToken);
        }
    }
}
