using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>
/// Arithmetic on day counters (per period figure, one count per day of a month, index 0 = the 1st): adding one fact or
/// a whole set of counters, and summing a range of days. Pure; the dictionaries passed in are changed in place.
/// </summary>
public static class DayCounters
{
    /// <summary>Adds <paramref name="count"/> to <paramref name="figure"/> on <paramref name="day"/> (1-31) of a month
    /// of <paramref name="daysInMonth"/> days.</summary>
    public static void Add(Dictionary<string, int[]> counters, string figure, int day, int count, int daysInMonth)
    {
        if (!counters.TryGetValue(figure, out var days))
        {
            counters[figure] = days = new int[daysInMonth];
        }

        days[day - 1] += count;
    }

    /// <summary>Adds every counter of <paramref name="other"/>, times <paramref name="sign"/>.</summary>
    public static void AddAll(Dictionary<string, int[]> counters, IReadOnlyDictionary<string, int[]> other,
        int sign = 1)
    {
        foreach (var (figure, days) in other)
        {
            if (!counters.TryGetValue(figure, out var sums))
            {
                counters[figure] = sums = new int[days.Length];
            }

            for (var day = 0; day < days.Length && day < sums.Length; day++)
            {
                sums[day] += sign * days[day];
            }
        }
    }

    /// <summary>A copy that later changes of <paramref name="counters"/> do not reach.</summary>
    public static Dictionary<string, int[]> Copy(IReadOnlyDictionary<string, int[]> counters) =>
        counters.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Per figure, the sum of the days from index <paramref name="first"/> to <paramref name="last"/> (both
    /// inclusive); figures summing to 0 left out.</summary>
    public static IEnumerable<(string Figure, long Sum)> Sum(IReadOnlyDictionary<string, int[]> counters, int first,
        int last)
    {
        foreach (var (figure, days) in counters)
        {
            var sum = 0L;
            for (var day = first; day <= last && day < days.Length; day++)
            {
                sum += days[day];
            }

            if (sum != 0)
            {
                yield return (figure, sum);
            }
        }
    }
}
