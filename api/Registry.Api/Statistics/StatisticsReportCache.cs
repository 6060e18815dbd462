using System.Collections.Concurrent;

namespace Registry.Api.Statistics;

/// <summary>
/// Finished statistics reports kept in this process, so the same question asked again (a national year, asked by
/// every reader) is answered without gathering and rolling up some 3,000 offices' sums. Each report is kept with the
/// <see cref="StatisticsSources"/> read before it was computed and given out only to a question whose sources, read
/// anew, are equal: a hand-over taken by any roll-up, a level change, a new province-year or a division change moves
/// them, so the next question computes again. At most <see cref="MaxReports"/> are kept (the oldest stored goes).
/// Thread-safe; the reports are immutable and shared.
/// </summary>
public sealed class StatisticsReportCache
{
    /// <summary>Reports kept at once (a national answer with every office is some 15 MB of rows).</summary>
    public const int MaxReports = 16;

    private readonly ConcurrentDictionary<Question, Held> held = new();
    private long stored;

    /// <summary>The report kept for the question if it was computed from <paramref name="sources"/>; else null.</summary>
    public StatisticsReport? Find(DateOnly from, DateOnly to, string? scope, IReadOnlySet<string> domains,
        bool offices, StatisticsSources sources) =>
        held.TryGetValue(Ask(from, to, scope, domains, offices), out var kept) && kept.Sources.Equals(sources)
            ? kept.Report
            : null;

    /// <summary>Keeps <paramref name="report"/>, computed after <paramref name="sources"/> were read.</summary>
    public void Keep(DateOnly from, DateOnly to, string? scope, IReadOnlySet<string> domains, bool offices,
        StatisticsSources sources, StatisticsReport report)
    {
        var question = Ask(from, to, scope, domains, offices);
        if (!held.ContainsKey(question) && held.Count >= MaxReports)
        {
            // Another request may remove or add meanwhile: the bound is kept within a few reports.
            var oldest = held.MinBy(pair => pair.Value.Stored);
            held.TryRemove(oldest.Key, out _);
        }

        held[question] = new Held(sources, report, Interlocked.Increment(ref stored));
    }

    private static Question Ask(DateOnly from, DateOnly to, string? scope, IReadOnlySet<string> domains,
        bool offices) =>
        new(from, to, scope, string.Join(',', domains.Order(StringComparer.Ordinal)), offices);

    private readonly record struct Question(DateOnly From, DateOnly To, string? Scope, string Domains, bool Offices);

    private sealed record Held(StatisticsSources Sources, StatisticsReport Report, long Stored);
}
