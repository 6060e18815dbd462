using Registry.Abstractions.Divisions;
using Registry.Abstractions.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// The sums of one statistics question (a period, a scope, the figures asked, with or without the offices), kept as
/// sums so a changed source is taken by taking its old figures out and its new ones in, not by adding every office
/// again: a source is one statistics grain's answer (a province-year roll-up's sums, a province's levels), and the
/// year being written changes one of some 60 at a time. Each office's figures are the sum over the sources listing it;
/// each division row the sum of the offices in it as of the period's end (their lineages, read once per office); the
/// total the sum of every office within the scope. The rows of a report are made again only for the offices and
/// divisions a change touched; the others are the same row objects as in the report before.
/// </summary>
/// <remarks>
/// The rules of what a report holds live here alone: an office counts within the scope when its lineage passes through
/// the scope (any office when there is none); its figures roll up to every division of its lineage down from the scope
/// (without the offices listed, to provinces and prefectures only) and to the scope's own row; an office is listed
/// unless it is a shared correction (<see cref="StatisticsFigures.SharedPrefix"/>); a row exists while some source
/// lists a figure asked for an office in it (a figure summing to 0 still makes the row, as before). A figure not
/// recorded is null, a rate is computed from the sums (<see cref="Complete"/>). Pure; not thread-safe (its owner
/// serialises changes); the reports it gives are immutable.
/// </remarks>
public sealed class StatisticsTally
{
    private readonly IReadOnlyList<StatisticsFigure> figures;
    private readonly HashSet<string> recorded;
    private readonly string? scope;
    private readonly DivisionSummary? scopeSummary;
    private readonly bool listOffices;

    private readonly Dictionary<string, Dictionary<string, Dictionary<string, long>>> sources =
        new(StringComparer.Ordinal);

    private readonly Dictionary<string, OfficeSums> offices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DivisionSums> divisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> total = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, StatisticsRow> officeRows = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, StatisticsRow> divisionRows = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedOffices = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedDivisions = new(StringComparer.Ordinal);

    /// <param name="figures">The figures asked, in the report's order.</param>
    /// <param name="scope">The division asked (null: national).</param>
    /// <param name="scopeSummary">The scope's summary as of the period's end (null when national or unknown).</param>
    /// <param name="listOffices">Whether offices and every division level are listed, or provinces and prefectures
    /// only.</param>
    public StatisticsTally(IReadOnlyList<StatisticsFigure> figures, string? scope, DivisionSummary? scopeSummary,
        bool listOffices)
    {
        this.figures = figures;
        recorded = figures.Where(f => f.Recorded).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        this.scope = scope;
        this.scopeSummary = scopeSummary;
        this.listOffices = listOffices;
    }

    /// <summary>The sources taken, by key.</summary>
    public IReadOnlyCollection<string> Sources => sources.Keys;

    /// <summary>The division codes of the offices in <paramref name="figures"/> whose lineage this tally has not
    /// been given yet (a shared correction's code is the division it corrects).</summary>
    public IEnumerable<string> LineagesMissing(OfficeFigures figures) =>
        figures.Offices.Keys.Where(office => !offices.ContainsKey(office)).Select(CodeOf)
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Takes <paramref name="figures"/> as the whole answer of source <paramref name="source"/>, in place of what it
    /// answered before. <paramref name="lineages"/> holds, by division code, the lineage as of the period's end of
    /// every office the tally has not seen before (see <see cref="LineagesMissing"/>); an office missing from it is
    /// taken as a code the division history does not know. Only the offices whose figures differ from the source's
    /// answer before are taken out and in again (and their rows and their divisions' made again): a province's
    /// roll-up answers some 100 offices, and one registration changes one of them.
    /// </summary>
    public void Take(string source, OfficeFigures figures,
        IReadOnlyDictionary<string, IReadOnlyList<DivisionSummary>> lineages)
    {
        var before = sources.GetValueOrDefault(source);
        var kept = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (office, values) in figures.Offices)
        {
            var old = before?.GetValueOrDefault(office);
            if (old is not null && SameAsked(old, values))
            {
                kept[office] = old;
                continue;
            }

            var asked = values.Where(pair => recorded.Contains(pair.Key))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            if (old is not null)
            {
                Add(offices[office], old, -1);
            }

            if (asked.Count == 0)
            {
                continue;
            }

            kept[office] = asked;
            Add(Office(office, lineages), asked, +1);
        }

        if (before is not null)
        {
            foreach (var (office, old) in before)
            {
                if (!figures.Offices.ContainsKey(office))
                {
                    Add(offices[office], old, -1);
                }
            }
        }

        sources[source] = kept;
    }

    /// <summary>Whether <paramref name="values"/>, of the figures asked, are exactly <paramref name="held"/>.</summary>
    private bool SameAsked(Dictionary<string, long> held, Dictionary<string, long> values)
    {
        var count = 0;
        foreach (var (figure, value) in values)
        {
            if (!recorded.Contains(figure))
            {
                continue;
            }

            if (!held.TryGetValue(figure, out var known) || known != value)
            {
                return false;
            }

            count++;
        }

        return count == held.Count;
    }

    /// <summary>Takes out everything source <paramref name="source"/> answered (nothing when it was not taken).</summary>
    public void Remove(string source)
    {
        if (!sources.Remove(source, out var old))
        {
            return;
        }

        foreach (var (office, values) in old)
        {
            Add(offices[office], values, -1);
        }
    }

    /// <summary>The report of the sums now, for <paramref name="from"/>..<paramref name="to"/>: rows made again only
    /// for what changed since the report before.</summary>
    public StatisticsReport Report(DateOnly from, DateOnly to)
    {
        foreach (var key in changedOffices)
        {
            var office = offices[key];
            if (office.Sources > 0 && office.Listed)
            {
                officeRows[key] = Row(key, office.Lineage.FirstOrDefault(), office.Sums);
            }
            else
            {
                officeRows.Remove(key);
            }
        }

        foreach (var code in changedDivisions)
        {
            var division = divisions[code];
            if (division.Offices > 0)
            {
                divisionRows[code] = Row(code, division.Summary, division.Sums);
            }
            else
            {
                divisionRows.Remove(code);
            }
        }

        changedOffices.Clear();
        changedDivisions.Clear();
        var totals = Complete(figures, total);
        var scopeRow = scope is null
            ? null
            : new StatisticsRow(scope, scopeSummary?.Name, scopeSummary?.Level, totals);
        return new StatisticsReport(from, to, scopeRow, figures, totals, [.. divisionRows.Values],
            [.. officeRows.Values]);
    }

    /// <summary>Every figure of <paramref name="figures"/>: its count (0 when nothing counted), a rate from the counts
    /// of the same values (per cent to one decimal, null when its denominator is 0), or null when not recorded.</summary>
    public static Dictionary<string, decimal?> Complete(IReadOnlyList<StatisticsFigure> figures,
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

    private StatisticsRow Row(string code, DivisionSummary? summary, IReadOnlyDictionary<string, long> values) =>
        new(code, summary?.Name, summary?.Level, Complete(figures, values));

    private OfficeSums Office(string office, IReadOnlyDictionary<string, IReadOnlyList<DivisionSummary>> lineages)
    {
        if (offices.TryGetValue(office, out var known))
        {
            return known;
        }

        var shared = office.StartsWith(StatisticsFigures.SharedPrefix, StringComparison.Ordinal);
        var lineage = lineages.GetValueOrDefault(CodeOf(office)) ?? [];
        var within = scope is null || lineage.Any(d => d.Code == scope);
        var into = new List<DivisionSums>(5);
        if (within)
        {
            // Every division the office lies in then, down from the scope; without the offices, those above the
            // county level only; and the scope's own row.
            foreach (var division in lineage.TakeWhile(d => d.Code != scope))
            {
                if (listOffices || division.Level is DivisionLevel.Province or DivisionLevel.Prefecture)
                {
                    into.Add(Division(division.Code, division));
                }
            }

            if (scope is not null)
            {
                into.Add(Division(scope, scopeSummary));
            }
        }

        return offices[office] = new OfficeSums(office, lineage, within, within && listOffices && !shared, into);
    }

    private DivisionSums Division(string code, DivisionSummary? summary)
    {
        if (!divisions.TryGetValue(code, out var division))
        {
            divisions[code] = division = new DivisionSums(code, summary);
        }

        return division;
    }

    /// <summary>Adds (<paramref name="sign"/> +1) or takes out (-1) one source's figures of an office.</summary>
    private void Add(OfficeSums office, IReadOnlyDictionary<string, long> values, int sign)
    {
        if (!office.Within)
        {
            return;
        }

        office.Sources += sign;
        var present = sign > 0 ? office.Sources == 1 : office.Sources == 0;
        foreach (var (figure, value) in values)
        {
            var delta = sign * value;
            office.Sums[figure] = office.Sums.GetValueOrDefault(figure) + delta;
            total[figure] = total.GetValueOrDefault(figure) + delta;
        }

        if (office.Listed)
        {
            changedOffices.Add(office.Key);
        }

        foreach (var division in office.Into)
        {
            if (present)
            {
                division.Offices += sign;
            }

            foreach (var (figure, value) in values)
            {
                division.Sums[figure] = division.Sums.GetValueOrDefault(figure) + (sign * value);
            }
        }

        changedDivisions.UnionWith(office.Into.Select(d => d.Code));
    }

    private static string CodeOf(string office) =>
        office.StartsWith(StatisticsFigures.SharedPrefix, StringComparison.Ordinal)
            ? office[StatisticsFigures.SharedPrefix.Length..]
            : office;

    /// <summary>An office's sums over the sources listing it, how many do, and where it rolls up to.</summary>
    private sealed class OfficeSums(string key, IReadOnlyList<DivisionSummary> lineage, bool within, bool listed,
        IReadOnlyList<DivisionSums> into)
    {
        public string Key => key;

        public IReadOnlyList<DivisionSummary> Lineage => lineage;

        /// <summary>Within the scope: counted at all.</summary>
        public bool Within => within;

        /// <summary>Given a row of its own.</summary>
        public bool Listed => listed;

        public IReadOnlyList<DivisionSums> Into => into;

        public int Sources { get; set; }

        public Dictionary<string, long> Sums { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A division's sums over the offices in it, and how many of those some source lists.</summary>
    private sealed class DivisionSums(string code, DivisionSummary? summary)
    {
        public string Code => code;

        public DivisionSummary? Summary => summary;

        public int Offices { get; set; }

        public Dictionary<string, long> Sums { get; } = new(StringComparer.Ordinal);
    }
}
