using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using static Registry.Grains.Tests.Organizations.CycleTestData;

namespace Registry.Grains.Tests.Organizations;

public sealed class ReportsDueTests
{
    [Fact]
    public void ReportsDue_RegisteredBeforeAWindowCloses_OwesThatYearOnly_UntilTheNextWindowCloses()
    {
        var state = Registered(new DateOnly(2026, 3, 2), foundedYear: 2019);

        var due = AnnualCycle.ReportsDue(state, DefaultWindows);

        // 2019-2024 closed before registration (the earlier register's); 2025's window closes on 31 May 2026.
        var only = Assert.Single(due);
        Assert.Equal(2025, only.Year);
        Assert.True(only.Due);
        Assert.False(only.Inspected);
        Assert.Equal(new DateOnly(2026, 5, 31), only.Window.Closes);

        Apply(state, new DateOnly(2026, 6, 1));
        Assert.Equal([2025, 2026], AnnualCycle.ReportsDue(state, DefaultWindows).Select(d => d.Year));
        Assert.All(AnnualCycle.ReportsDue(state, DefaultWindows), d => Assert.True(d.Due));
    }

    [Fact]
    public void ReportsDue_FiledAndInspected_IsDueAndInspected()
    {
        var state = Registered(new DateOnly(2026, 3, 2), foundedYear: 2019);
        File(state, 2025, new DateOnly(2026, 3, 10));
        AnnualCycle.Inspect(state, new RecordInspection(2025, InspectionOutcome.Pass, null), new DateOnly(2026, 4, 7),
            Registrar);

        var year = Assert.Single(AnnualCycle.ReportsDue(state, DefaultWindows));

        Assert.True(year.Due);
        Assert.True(year.Inspected);
    }

    [Fact]
    public void ReportsDue_EndedBeforeTheWindowCloses_IsListedNotDue_EndedAfter_StaysDue()
    {
        var before = Registered(new DateOnly(2026, 3, 2), foundedYear: 2019);
        new Organization(before, DefaultWindows).Deregister(new DeregisterOrganization("自行解散"),
            new DateOnly(2026, 4, 7), Registrar);
        var after = Registered(new DateOnly(2026, 3, 2), foundedYear: 2019);
        Apply(after, new DateOnly(2026, 6, 1));
        new Organization(after, DefaultWindows).Deregister(new DeregisterOrganization("自行解散"),
            new DateOnly(2026, 6, 1), Registrar);

        var ended = Assert.Single(AnnualCycle.ReportsDue(before, DefaultWindows));
        Assert.False(ended.Due);
        // 2025 closed on 31 May while it was active; 2026 closes after it ended.
        Assert.Equal([(2025, true), (2026, false)],
            AnnualCycle.ReportsDue(after, DefaultWindows).Select(d => (d.Year, d.Due)));
    }

    [Fact]
    public void ReportsDue_ReportFiledForAYearBeforeTheCycle_CountsAsDue()
    {
        var state = Registered(new DateOnly(2026, 3, 2), foundedYear: 2019);
        File(state, 2024, new DateOnly(2026, 3, 10), ReportFiler.Registrar, lateReason: "补报 (test)");

        Assert.Equal([2024, 2025], AnnualCycle.ReportsDue(state, DefaultWindows).Where(d => d.Due).Select(d => d.Year));
    }
}
