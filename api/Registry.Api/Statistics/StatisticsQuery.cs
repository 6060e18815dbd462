using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// Answers a statistics question from the read model only: the province roll-ups of the years the period touches
/// (period figures) and the province level grains (as-of figures), then each office's lineage as of the period's end
/// (<see cref="DivisionLineageCache"/>: no division call once a date's lineages are held) to roll the offices up and
/// keep those within the scope. Per question (<see cref="StatisticsReportCache"/>) the answer is kept and given again
/// while the versions of those grains and of the division history are unchanged; after a change only the grains whose
/// version moved are asked again, and their new answers replace their old ones in the question's
/// <see cref="StatisticsTally"/>, which makes again only the rows they touch. Thread-safe (stateless but for the
/// caches; one request at a time changes a question's tally).
/// </summary>
public sealed class StatisticsQuery(IGrainFactory grains, DivisionLineageCache lineageCache,
    StatisticsReportCache reports)
{
    /// <summary>The report of <paramref name="from"/>..<paramref name="to"/> for the offices within
    /// <paramref name="scope"/> (null or the national office: all), with the figures of <paramref name="domains"/>.
    /// With <paramref name="offices"/>, a row per office and per division the offices lie in; without, the roll-up
    /// rows above the county level only (provinces and prefectures: a national answer of some 370 rows instead of
    /// 3,000 offices and as many counties).</summary>
    public async Task<StatisticsReport> RunAsync(DateOnly from, DateOnly to, string? scope,
        IReadOnlySet<string> domains, bool offices) =>
        (await AnswerAsync(from, to, scope, domains, offices)).Report;

    /// <summary>The answer of <see cref="RunAsync"/>, with its serialized forms kept beside it.</summary>
    public async Task<StatisticsAnswer> AnswerAsync(DateOnly from, DateOnly to, string? scope,
        IReadOnlySet<string> domains, bool offices)
    {
        scope = scope == Jurisdiction.NationalOffice ? null : scope;
        var province = scope?[..2];
        var directory = await grains.Get<IStatisticsDirectoryGrain>(0).GetAsync();
        var rollups = directory.Rollups
            .Where(key => StatisticsKeys.ParseRollup(key) is var r && r.Year >= from.Year && r.Year <= to.Year &&
                (province is null || r.Province == province))
            .ToList();
        var levels = directory.LevelProvinces.Where(p => province is null || p == province).ToList();

        // The versions first, then the figures and lineages: an answer is kept under versions no newer than what it
        // was computed from, so a change taken after this point moves them and the next question computes again.
        var sources = await SourcesAsync(rollups, levels);
        var kept = reports.For(from, to, scope, domains, offices);
        if (kept.Answer is { } answer && answer.Sources.Equals(sources))
        {
            return answer;
        }

        await kept.Gate.WaitAsync();
        try
        {
            // Another request may have computed it meanwhile.
            if (kept.Answer is { } done && done.Sources.Equals(sources))
            {
                return done;
            }

            var tally = kept.Tally is { } held && SameDivisions(held.Sources, sources)
                ? await UpdateAsync(held.Tally, held.Sources, sources, from, to)
                : await ComputeAsync(from, to, scope, domains, offices, sources);
            kept.Tally = (tally, sources);
            var computed = new StatisticsAnswer(tally.Report(from, to), sources);
            kept.Answer = computed;
            return computed;
        }
        catch
        {
            // A tally is changed only after everything it takes was read, but whatever failed, the next request
            // starts from the sources again.
            kept.Tally = null;
            throw;
        }
        finally
        {
            kept.Gate.Release();
        }
    }

    private static bool SameDivisions(StatisticsSources before, StatisticsSources now) =>
        before.DivisionHistory == now.DivisionHistory && before.LocalDivisionChanges == now.LocalDivisionChanges;

    private async Task<StatisticsSources> SourcesAsync(IReadOnlyList<string> rollups, IReadOnlyList<string> levels)
    {
        var (cluster, local) = await lineageCache.VersionAsync();
        var versions = await Task.WhenAll(
            rollups.Select(key => grains.Get<IStatisticsRollupGrain>(key).VersionAsync())
                .Concat(levels.Select(p => grains.Get<IStatisticsLevelGrain>(p).VersionAsync())));
        var keys = rollups.Select(key => RollupSource + key).Concat(levels.Select(p => LevelSource + p));
        return new StatisticsSources(cluster, local,
            keys.Zip(versions, KeyValuePair.Create).ToList());
    }

    private const string RollupSource = "rollup:";
    private const string LevelSource = "level:";

    /// <summary>A source's figures for the period: a roll-up's sums or a level grain's levels at its end.</summary>
    private Task<OfficeFigures> FiguresAsync(string source, DateOnly from, DateOnly to) =>
        source.StartsWith(RollupSource, StringComparison.Ordinal)
            ? grains.Get<IStatisticsRollupGrain>(source[RollupSource.Length..]).SumAsync(from, to)
            : grains.Get<IStatisticsLevelGrain>(source[LevelSource.Length..]).LevelsAsync(to);

    /// <summary>A new tally of every source.</summary>
    private async Task<StatisticsTally> ComputeAsync(DateOnly from, DateOnly to, string? scope,
        IReadOnlySet<string> domains, bool offices, StatisticsSources sources)
    {
        var figures = StatisticsFigures.All.Where(f => domains.Contains(f.Domain)).ToList();
        var keys = sources.Grains.Select(pair => pair.Key).ToList();
        var parts = await Task.WhenAll(keys.Select(key => FiguresAsync(key, from, to)));
        var empty = new StatisticsTally(figures, scope, null, offices);
        var codes = parts.SelectMany(empty.LineagesMissing).Distinct(StringComparer.Ordinal).ToList();
        if (scope is not null)
        {
            codes.Add(scope);
        }

        var lineages = await lineageCache.LineagesAsync(codes, to);
        var tally = new StatisticsTally(figures, scope, scope is null ? null : lineages[scope].FirstOrDefault(),
            offices);
        foreach (var (key, part) in keys.Zip(parts))
        {
            tally.Take(key, part, lineages);
        }

        return tally;
    }

    /// <summary>The tally taken from <paramref name="before"/> brought to <paramref name="now"/> (the same division
    /// history): the sources whose version moved, or that are new, asked again and taken in place of their old
    /// answers; those no longer asked taken out. Everything is read before the tally changes.</summary>
    private async Task<StatisticsTally> UpdateAsync(StatisticsTally tally, StatisticsSources before,
        StatisticsSources now, DateOnly from, DateOnly to)
    {
        var known = before.Grains.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var moved = now.Grains.Where(pair => !known.TryGetValue(pair.Key, out var version) || version != pair.Value)
            .Select(pair => pair.Key).ToList();
        var parts = await Task.WhenAll(moved.Select(key => FiguresAsync(key, from, to)));
        var codes = parts.SelectMany(tally.LineagesMissing).Distinct(StringComparer.Ordinal).ToList();
        var lineages = codes.Count == 0
            ? new Dictionary<string, IReadOnlyList<DivisionSummary>>()
            : await lineageCache.LineagesAsync(codes, to);
        var asked = now.Grains.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in tally.Sources.Where(key => !asked.Contains(key)).ToList())
        {
            tally.Remove(gone);
        }

        foreach (var (key, part) in moved.Zip(parts))
        {
            tally.Take(key, part, lineages);
        }

        return tally;
    }
}
