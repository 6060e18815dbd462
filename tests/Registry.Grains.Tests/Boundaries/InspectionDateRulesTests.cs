using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Grains.Boundaries;

namespace Registry.Grains.Tests.Boundaries;

/// <summary>The plain rules of an inspection's dates and of the overdue report.</summary>
public sealed class InspectionDateRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;

    [Fact]
    public void EnsureOpeningDate_InTheYearOrTheNextAndNotAfterToday_IsAcceptedOtherwiseNamesTheRule()
    {
        InspectionRules.EnsureOpeningDate(1990, new DateOnly(1990, 4, 1), Today);
        InspectionRules.EnsureOpeningDate(1990, new DateOnly(1991, 1, 15), Today);
        InspectionRules.EnsureOpeningDate(Today.Year, Today, Today);

        Assert.Equal("inspection-date-future",
            Rule(() => InspectionRules.EnsureOpeningDate(Today.Year, Today.AddDays(1), Today)));
        Assert.Equal("inspection-date-order",
            Rule(() => InspectionRules.EnsureOpeningDate(1990, new DateOnly(1989, 12, 31), Today)));
        // An archive inspection of 1990 typed in today without its date would carry today's date: refused.
        Assert.Equal("inspection-date-order", Rule(() => InspectionRules.EnsureOpeningDate(1990, Today, Today)));
    }

    [Fact]
    public void SignatureDate_DefaultsToTodayAndMustLieBetweenTheOpeningAndToday()
    {
        var state = new JointInspectionState { Id = "x", OpenedOn = new DateOnly(1990, 4, 1) };

        Assert.Equal(Today, InspectionRules.SignatureDate(state, null, Today));
        Assert.Equal(new DateOnly(1990, 5, 2), InspectionRules.SignatureDate(state, new DateOnly(1990, 5, 2), Today));
        Assert.Equal("inspection-date-order",
            Rule(() => InspectionRules.SignatureDate(state, new DateOnly(1990, 3, 31), Today)));
        Assert.Equal("inspection-date-future",
            Rule(() => InspectionRules.SignatureDate(state, Today.AddDays(1), Today)));
    }

    [Fact]
    public void OverdueReport_UsesTheCompletionDateAndFiltersByDivisionAndBelow()
    {
        var lines = BoundaryData.Lines.Take(6).Select((l, i) => new OverdueLine(l.Number, l.DivisionA, l.DivisionB,
            i % 2 == 0 ? new DateOnly(1990, 5, 2) : Today.AddYears(-1), null)).ToList();

        var overdue = OverdueReport.Select(lines, Today, 5, false).ToList();
        Assert.Equal(lines.Where((_, i) => i % 2 == 0).Select(l => l.Number).Order(StringComparer.Ordinal),
            overdue.Select(l => l.Number));

        var province = lines[0].DivisionA;
        var prefecture = province[..2] + "0100";
        var touching = OverdueReport.Select(lines, Today, 5, false, province).ToList();
        Assert.NotEmpty(touching);
        Assert.All(touching, l => Assert.Contains(province, new[] { l.DivisionA, l.DivisionB }));
        Assert.Equal(overdue.Count(l => l.DivisionA == province || l.DivisionB == province), touching.Count);
        // A prefecture below the province is not a side of any province line.
        Assert.Empty(OverdueReport.Select(lines, Today, 5, false, prefecture));
    }
}
