using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// Answers a statistics question from the read model only: the province roll-ups of the years the period touches
/// (period figures) and the province level grains (as-of figures), then each office's lineage as of the period's end
/// (<see cref="DivisionLineageCache"/>: no division call once a date's lineages are held) to roll the offices up and
/// keep those within the scope. A finished report is kept (<see cref="StatisticsReportCache"/>) and given again while
/// the versions of those grains and of the division history are unchanged. Thread-safe (stateless but for the
/// caches).
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

        // The versions first, then the figures and lineages: a report is kept under versions no newer than what it
        // was computed from, so a change taken after this point moves them and the next question computes again.
        var sources = await SourcesAsync(rollups, levels);
        if (reports.Find(from, to, scope, domains, offices, sources) is { } kept)
        {
            return kept;
        }

        var report = await ComputeAsync(from, to, scope, domains, offices, rollups, levels);
        reports.Keep(from, to, scope, domains, offices, sources, report);
        return report;
    }

    private async Task<StatisticsSources> SourcesAsync(IReadOnlyList<string> rollups, IReadOnlyList<string> levels)
    {
        var (cluster, local) = await lineageCache.VersionAsync();
        var versions = await Task.WhenAll(
            rollups.Select(key => grains.Get<IStatisticsRollupGrain>(key).VersionAsync())
                .Concat(levels.Select(p => grains.Get<IStatisticsLevelGrain>(p).VersionAsync())));
        var keys = rollups.Select(key => "rollup:" + key).Concat(levels.Select(p => "level:" + p));
        return new StatisticsSources(cluster, local,
            keys.Zip(versions, KeyValuePair.Create).ToList());
    }

    private async Task<StatisticsReport> ComputeAsync(DateOnly from, DateOnly to, string? scope,
        IReadOnlySet<string> domains, bool offices, IReadOnlyList<string> rollups, IReadOnlyList<string> levels)
    {
        var figures = StatisticsFigures.All.Where(f => domains.Contains(f.Domain)).ToList();
        var recorded = figures.Where(f => f.Recorded).ToDictionary(f => f.Key, StringComparer.Ordinal);
        var sums = rollups.Select(key => grains.Get<IStatisticsRollupGrain>(key).SumAsync(from, to));
        var asOf = levels.Select(p => grains.Get<IStatisticsLevelGrain>(p).LevelsAsync(to));
        var counted = new OfficeFigures();
        foreach (var part in await Task.WhenAll(sums.Concat(asOf)))
        {
            foreach (var (office, values) in part.Offices)
            {
                foreach (var (figure, value) in values)
                {
                    if (recorded.ContainsKey(figure))
                    {
                        counted.Add(office, figure, value);
                    }
                }
            }
        }

        var codes = counted.Offices.Keys.Select(CodeOf).Distinct(StringComparer.Ordinal).ToList();
        if (scope is not null)
        {
            codes.Add(scope);
        }

        var lineages = await lineageCache.LineagesAsync(codes, to);
        var officeRows = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var divisions = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (office, values) in counted.Offices)
        {
            var code = CodeOf(office);
            var lineage = lineages[code];
            if (scope is not null && !lineage.Any(d => d.Code == scope))
            {
                continue;
            }

            if (offices && !office.StartsWith(StatisticsFigures.SharedPrefix, StringComparison.Ordinal))
            {
                AddAll(officeRows, code, values);
            }

            // Rolled up to every division the office lies in then, down from the scope (the scope's own row too);
            // without the offices, to those above the county level only.
            foreach (var division in lineage.TakeWhile(d => d.Code != scope))
            {
                if (offices || division.Level is DivisionLevel.Province or DivisionLevel.Prefecture)
                {
                    AddAll(divisions, division.Code, values);
                }
            }

            if (scope is not null)
            {
                AddAll(divisions, scope, values);
            }

            foreach (var (figure, value) in values)
            {
                total[figure] = total.GetValueOrDefault(figure) + value;
            }
        }

        // Every division named in a lineage, once: a row's name and level (a national answer has some 3,000 offices
        // and 370 divisions above them, so a search through the lineages per row cost millions of comparisons).
        var named = new Dictionary<string, DivisionSummary>(StringComparer.Ordinal);
        foreach (var summary in lineages.Values.SelectMany(lineage => lineage))
        {
            named.TryAdd(summary.Code, summary);
        }

        StatisticsRow Row(string code, IReadOnlyDictionary<string, long> values)
        {
            var summary = named.GetValueOrDefault(code);
            return new StatisticsRow(code, summary?.Name, summary?.Level, Complete(figures, values));
        }

        StatisticsRow? scopeRow = null;
        if (scope is not null)
        {
            var summary = lineages[scope].FirstOrDefault();
            scopeRow = new StatisticsRow(scope, summary?.Name, summary?.Level, Complete(figures, total));
        }

        return new StatisticsReport(from, to, scopeRow, figures, Complete(figures, total),
            divisions.Select(pair => Row(pair.Key, pair.Value)).ToList(),
            officeRows.Select(pair => Row(pair.Key, pair.Value)).ToList());
    }

    /// <summary>Every figure of the report: its count (0 when nothing counted), a rate from the counts of the same
    /// values (per cent to one decimal, null when its denominator is 0), or null when not recorded.</summary>
    private static Dictionary<string, decimal?> Complete(IReadOnlyList<StatisticsFigure> figures,
        IReadOnlyDictionary<string, long> values) =>
        figures.ToDictionary(f => f.Key, f => !f.Recorded ? null
            : f.Measure == StatisticsMeasure.Ratio ? Rate(values.GetValueOrDefault(f.Numerator!),
                values.GetValueOrDefault(f.Denominator!))
            : (decimal?)values.GetValueOrDefault(f.Key),
            StringComparer.Ordinal);

    /// <summary><paramref name="part"/> of <paramref name="whole"/> in per cent, rounded half away from zero to one
    /// decimal; null for a whole of 0.</summary>
    public static decimal? Rate(long part, long whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    private static string CodeOf(string office) =>
        office.StartsWith(StatisticsFigures.SharedPrefix, StringComparison.Ordinal)
            ? office[StatisticsFigures.SharedPrefix.Length..]
            : office;

    private static void AddAll(SortedDictionary<string, Dictionary<string, long>> rows, string code,
        IReadOnlyDictionary<string, long> values)
    {
        if (!rows.TryGetValue(code, out var row))
        {
            rows[code] = row = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (var (figure, value) in values)
        {
            row[figure] = row.GetValueOrDefault(figure) + value;
        }
    }
}
