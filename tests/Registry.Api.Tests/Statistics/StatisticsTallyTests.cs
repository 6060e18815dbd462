using System.Text.Json;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Statistics;
using Registry.Api.Statistics;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Api.Tests.Statistics;

/// <summary>
/// <see cref="StatisticsTally"/> alone (no cluster): a tally that takes changed sources one by one answers exactly what
/// a tally made afresh from the sources now answers, for every scope and with or without the offices; rows a change
/// did not touch are the report before's; rows disappear when no source lists their offices any more.
/// </summary>
public sealed class StatisticsTallyTests
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 12, 31);

    private static readonly IReadOnlyList<StatisticsFigure> Asked =
        F.All.Where(f => f.Domain is F.Marriage or F.Organizations).ToList();

    // Two provinces: 11 (prefecture 1101, counties 110101, 110102) and 32 (prefecture 3201, county 320102); one
    // office the division history does not know (990101).
    private static readonly DivisionSummary P11 = new("110000", "北京市", DivisionLevel.Province, DivisionStatus.InForce);
    private static readonly DivisionSummary D1101 = new("110100", "市辖区", DivisionLevel.Prefecture, DivisionStatus.InForce, "110000");
    private static readonly DivisionSummary C110101 = new("110101", "东城区", DivisionLevel.County, DivisionStatus.InForce, "110100");
    private static readonly DivisionSummary C110102 = new("110102", "西城区", DivisionLevel.County, DivisionStatus.InForce, "110100");
    private static readonly DivisionSummary P32 = new("320000", "江苏省", DivisionLevel.Province, DivisionStatus.InForce);
    private static readonly DivisionSummary D3201 = new("320100", "南京市", DivisionLevel.Prefecture, DivisionStatus.InForce, "320000");
    private static readonly DivisionSummary C320102 = new("320102", "玄武区", DivisionLevel.County, DivisionStatus.InForce, "320100");

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<DivisionSummary>> Lineages =
        new Dictionary<string, IReadOnlyList<DivisionSummary>>
        {
            ["110101"] = [C110101, D1101, P11],
            ["110102"] = [C110102, D1101, P11],
            ["320102"] = [C320102, D3201, P32],
            ["110000"] = [P11],
            ["110100"] = [D1101, P11],
            ["320000"] = [P32],
        };

    public static TheoryData<string?, bool> Questions => new()
    {
        { null, false }, { null, true }, { "110000", false }, { "110000", true }, { "110100", true },
        { "110101", true }, { "320000", false },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void Take_ChangedSourcesOneByOne_AnswersWhatAFreshTallyOfTheSourcesNowAnswers(string? scope, bool offices)
    {
        var sources = new Dictionary<string, OfficeFigures>
        {
            ["rollup:11/2026"] = Figures(("110101", F.MarriageRegistrations, 7), ("110102", F.MarriageRegistrations, 3),
                ("110102", F.ReportsDue, 4), ("110102", F.ReportsDueInspected, 3), ("shared:110101", F.MarriageRegistrations, -1)),
            ["rollup:32/2026"] = Figures(("320102", F.MarriageRegistrations, 5), ("320102", F.DivorceApplications, 2)),
            ["rollup:99/2026"] = Figures(("990101", F.MarriageRegistrations, 1)),
            ["level:11"] = Figures(("110101", F.ReportsDue, 2)),
        };
        var kept = Fresh(scope, offices, sources);

        // The year being written: a registration in province 11, a province 32 office's figures gone, a new office,
        // a figure not asked, a source no longer asked.
        var changes = new (string Source, OfficeFigures? Figures)[]
        {
            ("rollup:11/2026", Figures(("110101", F.MarriageRegistrations, 8), ("110102", F.MarriageRegistrations, 3),
                ("110102", F.ReportsDue, 4), ("110102", F.ReportsDueInspected, 3), ("shared:110101", F.MarriageRegistrations, -1))),
            ("rollup:32/2026", Figures(("320102", F.DivorceApplications, 2))),
            ("rollup:32/2026", Figures()),
            ("rollup:11/2026", Figures(("110101", F.MarriageRegistrations, 8), ("110102", F.PlacesProposed, 9))),
            ("level:11", Figures(("110101", F.ReportsDue, 2), ("110102", F.ReportsDue, 0))),
            ("rollup:99/2026", null),
            ("rollup:32/2026", Figures(("320102", F.MarriageRegistrations, 6))),
        };
        foreach (var (source, figures) in changes)
        {
            if (figures is null)
            {
                kept.Remove(source);
                sources.Remove(source);
            }
            else
            {
                kept.Take(source, figures, Missing(kept, figures));
                sources[source] = figures;
            }

            Assert.Equal(Json(Fresh(scope, offices, sources).Report(From, To)), Json(kept.Report(From, To)));
        }
    }

    [Fact]
    public void Report_NationalWithOffices_RollsEachOfficeUpItsLineage()
    {
        var report = Fresh(null, true, new Dictionary<string, OfficeFigures>
        {
            ["rollup:11/2026"] = Figures(("110101", F.MarriageRegistrations, 7), ("110102", F.MarriageRegistrations, 3),
                ("shared:110101", F.MarriageRegistrations, -1)),
            ["rollup:99/2026"] = Figures(("990101", F.MarriageRegistrations, 1)),
            ["level:11"] = Figures(("110102", F.ReportsDue, 4), ("110102", F.ReportsDueInspected, 3)),
        }).Report(From, To);

        Assert.Null(report.Scope);
        Assert.Equal(10m, report.Total[F.MarriageRegistrations]);
        // The shared correction counts in its division's rows and the total, never as an office row.
        Assert.Equal(["110101", "110102", "990101"], report.Offices.Select(r => r.Code));
        Assert.Equal(7m, report.Offices[0].Figures[F.MarriageRegistrations]);
        Assert.Equal("东城区", report.Offices[0].Name);
        Assert.Null(report.Offices[2].Name);
        Assert.Equal(["110000", "110100", "110101", "110102"], report.Divisions.Select(r => r.Code));
        Assert.Equal(9m, report.Divisions[0].Figures[F.MarriageRegistrations]);
        Assert.Equal(6m, report.Divisions[2].Figures[F.MarriageRegistrations]);
        Assert.Equal(75.0m, report.Divisions[0].Figures[F.InspectionRate]);
        Assert.Null(report.Divisions[2].Figures[F.InspectionRate]);
        Assert.All(report.Divisions, row => Assert.Equal(0m, row.Figures[F.DivorceApplications]));
    }

    [Fact]
    public void Report_ProvinceWithoutOffices_ListsTheScopeAndItsPrefecturesOnly()
    {
        var report = Fresh("110000", false, new Dictionary<string, OfficeFigures>
        {
            ["rollup:11/2026"] = Figures(("110101", F.MarriageRegistrations, 7), ("110102", F.MarriageRegistrations, 3)),
            ["rollup:32/2026"] = Figures(("320102", F.MarriageRegistrations, 5)),
        }).Report(From, To);

        Assert.Equal("北京市", report.Scope!.Name);
        Assert.Equal(10m, report.Total[F.MarriageRegistrations]);
        Assert.Empty(report.Offices);
        Assert.Equal(["110000", "110100"], report.Divisions.Select(r => r.Code));
        Assert.All(report.Divisions, row => Assert.Equal(10m, row.Figures[F.MarriageRegistrations]));
    }

    [Fact]
    public void Report_AfterOneSourceChanged_KeepsTheRowsItDidNotTouch()
    {
        var tally = Fresh(null, true, new Dictionary<string, OfficeFigures>
        {
            ["rollup:11/2026"] = Figures(("110101", F.MarriageRegistrations, 7)),
            ["rollup:32/2026"] = Figures(("320102", F.MarriageRegistrations, 5)),
        });
        var before = tally.Report(From, To);

        tally.Take("rollup:32/2026", Figures(("320102", F.MarriageRegistrations, 6)), Lineages);
        var after = tally.Report(From, To);

        Assert.Same(Row(before.Offices, "110101"), Row(after.Offices, "110101"));
        Assert.Same(Row(before.Divisions, "110000"), Row(after.Divisions, "110000"));
        Assert.NotSame(Row(before.Divisions, "320000"), Row(after.Divisions, "320000"));
        Assert.Equal(6m, Row(after.Divisions, "320000").Figures[F.MarriageRegistrations]);
        Assert.Equal(13m, after.Total[F.MarriageRegistrations]);
        Assert.Equal(12m, before.Total[F.MarriageRegistrations]);
    }

    [Fact]
    public void Report_AfterOneOfficeOfASourceChanged_KeepsTheRowsOfItsOtherOffices()
    {
        var tally = Fresh(null, true, new Dictionary<string, OfficeFigures>
        {
            ["rollup:11/2026"] = Figures(("110101", F.MarriageRegistrations, 7), ("110102", F.MarriageRegistrations, 1)),
        });
        var before = tally.Report(From, To);

        // The province's roll-up answers both offices again; one registration more at 110101 only.
        tally.Take("rollup:11/2026", Figures(("110101", F.MarriageRegistrations, 8), ("110102", F.MarriageRegistrations, 1)),
            Lineages);
        var after = tally.Report(From, To);

        Assert.Same(Row(before.Offices, "110102"), Row(after.Offices, "110102"));
        Assert.Same(Row(before.Divisions, "110102"), Row(after.Divisions, "110102"));
        Assert.NotSame(Row(before.Offices, "110101"), Row(after.Offices, "110101"));
        Assert.Equal(8m, Row(after.Offices, "110101").Figures[F.MarriageRegistrations]);
        Assert.Equal(9m, Row(after.Divisions, "110100").Figures[F.MarriageRegistrations]);
        Assert.Equal(9m, after.Total[F.MarriageRegistrations]);
    }

    [Fact]
    public void Take_SourceNoLongerListingAnOffice_RemovesItsRowsButKeepsThoseOthersList()
    {
        var tally = Fresh(null, true, new Dictionary<string, OfficeFigures>
        {
            ["rollup:11/2025"] = Figures(("110101", F.MarriageRegistrations, 2)),
            ["rollup:11/2026"] = Figures(("110101", F.MarriageRegistrations, 7), ("110102", F.MarriageRegistrations, 1)),
        });

        tally.Take("rollup:11/2026", Figures(("110101", F.MarriageRegistrations, 7)), Lineages);
        var report = tally.Report(From, To);
        Assert.Equal(["110101"], report.Offices.Select(r => r.Code));
        Assert.Equal(["110000", "110100", "110101"], report.Divisions.Select(r => r.Code));

        tally.Remove("rollup:11/2025");
        tally.Take("rollup:11/2026", Figures(), Lineages);
        report = tally.Report(From, To);
        Assert.Empty(report.Offices);
        Assert.Empty(report.Divisions);
        Assert.Equal(0m, report.Total[F.MarriageRegistrations]);
    }

    private static StatisticsTally Fresh(string? scope, bool offices, IReadOnlyDictionary<string, OfficeFigures> sources)
    {
        var tally = new StatisticsTally(Asked, scope, scope is null ? null : Lineages[scope][0], offices);
        foreach (var (source, figures) in sources)
        {
            tally.Take(source, figures, Missing(tally, figures));
        }

        return tally;
    }

    /// <summary>The lineages the tally asks for, as the lineage cache answers them (none for an unknown code).</summary>
    private static Dictionary<string, IReadOnlyList<DivisionSummary>> Missing(StatisticsTally tally,
        OfficeFigures figures) =>
        tally.LineagesMissing(figures).ToDictionary(code => code, code => Lineages.GetValueOrDefault(code) ?? []);

    private static OfficeFigures Figures(params (string Office, string Figure, long Value)[] values)
    {
        var figures = new OfficeFigures();
        foreach (var (office, figure, value) in values)
        {
            figures.Add(office, figure, value);
        }

        return figures;
    }

    private static StatisticsRow Row(IReadOnlyList<StatisticsRow> rows, string code) => rows.Single(r => r.Code == code);

    private static string Json(StatisticsReport report) => JsonSerializer.Serialize(report);
}
