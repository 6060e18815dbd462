using System.Collections.Concurrent;

namespace Registry.Api.Statistics;

/// <summary>
/// What this process keeps per statistics question (period, scope, domains, <c>offices</c>): the answer last given,
/// with the <see cref="StatisticsSources"/> read before it was computed, and the <see cref="StatisticsTally"/> it was
/// taken from. The same question asked again while its sources, read anew, are equal gets the same answer (its bytes
/// too, see <see cref="StatisticsAnswer"/>); after a change the tally takes the changed sources only
/// (<see cref="StatisticsQuery"/>). At most <see cref="MaxReports"/> questions are kept (the one least recently asked
/// goes). Thread-safe; answers are immutable and shared, a tally is changed only under its question's gate.
/// </summary>
public sealed class StatisticsReportCache
{
    /// <summary>Questions kept at once (a national answer with every office is some 15 MB of rows and as much JSON).</summary>
    public const int MaxReports = 16;

    private readonly ConcurrentDictionary<Question, Kept> held = new();
    private long asked;

    /// <summary>What is kept for the question (created empty when nothing is).</summary>
    public Kept For(DateOnly from, DateOnly to, string? scope, IReadOnlySet<string> domains, bool offices)
    {
        var question = new Question(from, to, scope, string.Join(',', domains.Order(StringComparer.Ordinal)), offices);
        if (!held.TryGetValue(question, out var kept))
        {
            if (held.Count >= MaxReports)
            {
                // Another request may remove or add meanwhile: the bound is kept within a few questions.
                var oldest = held.MinBy(pair => pair.Value.Asked);
                held.TryRemove(oldest.Key, out _);
            }

            kept = held.GetOrAdd(question, _ => new Kept());
        }

        kept.Asked = Interlocked.Increment(ref asked);
        return kept;
    }

    private readonly record struct Question(DateOnly From, DateOnly To, string? Scope, string Domains, bool Offices);

    /// <summary>One question's answer and tally.</summary>
    public sealed class Kept
    {
        private StatisticsAnswer? answer;

        /// <summary>Held while the tally is changed or replaced: one request computes, the others then find its
        /// answer.</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The answer last given; read without the gate.</summary>
        public StatisticsAnswer? Answer
        {
            get => Volatile.Read(ref answer);
            set => Volatile.Write(ref answer, value);
        }

        /// <summary>The sums the answer was made from, and the sources read before they were taken (under the
        /// gate only).</summary>
        public (StatisticsTally Tally, StatisticsSources Sources)? Tally { get; set; }

        internal long Asked { get; set; }
    }
}
