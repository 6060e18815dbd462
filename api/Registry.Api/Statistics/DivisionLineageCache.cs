using System.Collections.Concurrent;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Api.Spatial;

namespace Registry.Api.Statistics;

/// <summary>
/// Divisions' lineages as of a date (the division and its ancestors, nearest first, as
/// <see cref="DivisionLookup.AsOfAsync"/> answers them), kept so that a statistics answer rolls some 3,000 offices up
/// without a division call per office per request. Built from each division's summary as of the date (one call per
/// division, shared by every lineage that passes through it) and kept for the last <see cref="MaxDates"/> dates asked.
/// Freshness: everything held was read under one version of the division history, the cluster's
/// (<see cref="IDivisionHistoryVersionGrain"/>, moved by every recorded change before its call returns, whichever
/// process made it) and this process's (<see cref="DivisionChangeSignal"/>); a request that reads another version
/// reads the divisions again. Thread-safe; a request never mixes what was read under two versions.
/// </summary>
public sealed class DivisionLineageCache(IGrainFactory grains, DivisionChangeSignal signal)
{
    /// <summary>Dates kept at once (a period's end is the date asked: a few periods are in use at a time).</summary>
    public const int MaxDates = 16;

    /// <summary>Deeper than any chain of GB/T 2260 and township codes: a longer one is a cycle in the data.</summary>
    private const int MaxDepth = 8;

    private Generation current = new(new DivisionHistoryVersion(Guid.Empty, -1), -1);

    /// <summary>Each of <paramref name="codes"/> with its lineage as of <paramref name="date"/>; empty for a code the
    /// division history does not know (and for the national office).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DivisionSummary>>> LineagesAsync(
        IEnumerable<string> codes, DateOnly date)
    {
        var (cluster, local) = await VersionAsync();
        var generation = Volatile.Read(ref current);
        if (generation.Local != local || generation.Cluster != cluster)
        {
            // Whatever another request swaps in meanwhile, this one reads only what it reads under its own version.
            generation = new Generation(cluster, local);
            Volatile.Write(ref current, generation);
        }

        var summaries = generation.Date(date);
        var asked = codes.ToList();
        // Level by level: every summary a lineage below needs has been awaited by this request (held or read).
        var visited = asked.Where(code => code != Jurisdiction.NationalOffice).ToHashSet(StringComparer.Ordinal);
        var level = visited.ToList();
        for (var depth = 0; level.Count > 0 && depth < MaxDepth; depth++)
        {
            var found = await Task.WhenAll(level.Select(code => summaries.GetAsync(code, date, grains)));
            level = found.OfType<DivisionSummary>().Select(s => s.ParentCode).OfType<string>()
                .Where(visited.Add).ToList();
        }

        var lineages = new Dictionary<string, IReadOnlyList<DivisionSummary>>(StringComparer.Ordinal);
        foreach (var code in asked)
        {
            if (lineages.ContainsKey(code))
            {
                continue;
            }

            var lineage = new List<DivisionSummary>(4);
            for (var next = code; next is not null && visited.Contains(next) && lineage.Count < MaxDepth &&
                 summaries.Loaded(next) is { } summary; next = summary.ParentCode)
            {
                lineage.Add(summary);
            }

            lineages[code] = lineage;
        }

        return lineages;
    }

    /// <summary>The version of the division history now: the cluster's and this process's. A lineage read after this
    /// call is at least as new as the version it answered, so whatever is computed from lineages read after it may be
    /// kept until it moves.</summary>
    public async Task<(DivisionHistoryVersion Cluster, long Local)> VersionAsync()
    {
        // This process's count first: a change seen after it was read is at worst read again next time.
        var local = signal.Version;
        var cluster = await grains.Get<IDivisionHistoryVersionGrain>(IDivisionHistoryVersionGrain.Key).GetAsync();
        return (cluster, local);
    }

    /// <summary>The lineage of one code as of <paramref name="date"/>; null when the code was never recorded.</summary>
    public async Task<IReadOnlyList<DivisionSummary>?> LineageAsync(string code, DateOnly date)
    {
        var lineage = (await LineagesAsync([code], date))[code];
        return lineage.Count == 0 ? null : lineage;
    }

    /// <summary>What was read under one version of the division history, by date.</summary>
    private sealed class Generation(DivisionHistoryVersion cluster, long local)
    {
        private readonly ConcurrentDictionary<DateOnly, Summaries> dates = new();

        public DivisionHistoryVersion Cluster => cluster;

        public long Local => local;

        public Summaries Date(DateOnly date)
        {
            if (dates.TryGetValue(date, out var held))
            {
                return held;
            }

            if (dates.Count >= MaxDates)
            {
                // The oldest first asked goes; a request still reading it keeps its own reference.
                var oldest = dates.MinBy(pair => pair.Value.Created);
                dates.TryRemove(oldest.Key, out _);
            }

            return dates.GetOrAdd(date, _ => new Summaries(Environment.TickCount64));
        }
    }

    /// <summary>The divisions' summaries as of one date, each read once (a failed read is tried again).</summary>
    private sealed class Summaries(long created)
    {
        private readonly ConcurrentDictionary<string, Task<DivisionSummary?>> held = new(StringComparer.Ordinal);

        public long Created => created;

        public DivisionSummary? Loaded(string code) =>
            held.TryGetValue(code, out var task) && task.IsCompletedSuccessfully ? task.Result : null;

        public async Task<DivisionSummary?> GetAsync(string code, DateOnly date, IGrainFactory grains)
        {
            var task = held.GetOrAdd(code, c => ReadAsync(c, date, grains));
            try
            {
                return await task;
            }
            catch
            {
                held.TryRemove(new KeyValuePair<string, Task<DivisionSummary?>>(code, task));
                throw;
            }
        }

        private static async Task<DivisionSummary?> ReadAsync(string code, DateOnly date, IGrainFactory grains)
        {
            try
            {
                return await grains.Get<IDivisionGrain>(code).GetSummaryAsync(date);
            }
            catch (Abstractions.Errors.DomainException e)
                when (e.Kind == Abstractions.Errors.DomainErrorKind.NotFound)
            {
                return null;
            }
        }
    }
}
