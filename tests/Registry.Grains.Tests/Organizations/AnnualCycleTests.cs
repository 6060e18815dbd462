using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using static Registry.Grains.Tests.Organizations.CycleTestData;

namespace Registry.Grains.Tests.Organizations;

public sealed class AnnualCycleTests
{
    private static readonly DateOnly RegisteredOn = new(2026, 11, 23);

    [Fact]
    public void ApplyDeadlines_WindowsClosedBeforeRegistration_ListNobody()
    {
        var state = Registered(RegisteredOn, foundedYear: 2015);

        Assert.Empty(Apply(state, RegisteredOn));
        Assert.Equal(2025, state.DeadlinesAppliedThrough);
        Assert.Empty(state.ListEntries);
    }

    [Fact]
    public void ApplyDeadlines_ReportNotFiled_ListsAbnormalOnTheDayAfterTheWindowClosesAndNotBefore()
    {
        var state = Registered(RegisteredOn);

        Assert.Empty(Apply(state, new DateOnly(2027, 5, 31)));
        var applied = Apply(state, new DateOnly(2027, 6, 1));

        var listed = Assert.Single(applied);
        Assert.Equal(OrganizationEventKind.Listed, listed.Kind);
        Assert.Equal(new DateOnly(2027, 6, 1), listed.Date);
        Assert.Equal("system", listed.RecordedBy);
        var entry = Assert.Single(state.ListEntries);
        Assert.Equal((OrganizationList.Abnormal, ListGrounds.AnnualReportNotFiled, 2026, new DateOnly(2027, 6, 1)),
            (entry.List, entry.Ground, entry.Year, entry.ListedOn));
        Assert.Equal([2026], state.MissedYears);
    }

    [Fact]
    public void ApplyDeadlines_AppliedAgainOrLater_RecordsNothingMore()
    {
        var state = Registered(RegisteredOn);
        Apply(state, new DateOnly(2027, 6, 1));
        var snapshot = Snapshot(state);

        Assert.Empty(Apply(state, new DateOnly(2027, 6, 1)));
        Assert.Empty(Apply(state, new DateOnly(2027, 12, 31)));
        Assert.Equal(snapshot, Snapshot(state));
    }

    [Fact]
    public void ApplyDeadlines_ReportFiledInTheWindow_ListsNobody()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 5, 31));

        Assert.Empty(Apply(state, new DateOnly(2027, 6, 1)));
        Assert.Equal(2026, state.DeadlinesAppliedThrough);
        Assert.Empty(state.ListEntries);
    }

    [Fact]
    public void ApplyDeadlines_RunYearsLate_AppliesEveryStepInDateOrderWithItsOwnDate()
    {
        var state = Registered(RegisteredOn);

        var applied = Apply(state, new DateOnly(2030, 12, 31));

        Assert.Equal(
        [
            (OrganizationEventKind.Listed, new DateOnly(2027, 6, 1), (OrganizationList?)OrganizationList.Abnormal, 2026),
            (OrganizationEventKind.Listed, new DateOnly(2028, 6, 1), OrganizationList.Abnormal, 2027),
            (OrganizationEventKind.FlaggedForRevocation, new DateOnly(2028, 6, 1), null, 2027),
            (OrganizationEventKind.Listed, new DateOnly(2029, 6, 1), OrganizationList.Abnormal, 2028),
            (OrganizationEventKind.RemovedFromList, new DateOnly(2029, 6, 1), OrganizationList.Abnormal, 2026),
            (OrganizationEventKind.RemovedFromList, new DateOnly(2029, 6, 1), OrganizationList.Abnormal, 2027),
            (OrganizationEventKind.RemovedFromList, new DateOnly(2029, 6, 1), OrganizationList.Abnormal, 2028),
            (OrganizationEventKind.Listed, new DateOnly(2029, 6, 1), OrganizationList.SeriousDishonesty, (int?)null),
            (OrganizationEventKind.Listed, new DateOnly(2030, 6, 1), OrganizationList.Abnormal, 2029),
        ], applied.Select(e => (e.Kind, e.Date, e.List, e.Year)));
        Assert.Equal((new DateOnly(2028, 6, 1), ListGrounds.TwoConsecutiveYearsNotFiledOrFailed),
            (state.RevocationFlag!.FlaggedOn, state.RevocationFlag.Ground));
        Assert.Equal([2026, 2027], state.RevocationFlag.Years);
        var serious = Assert.Single(state.ListEntries, e => e is { List: OrganizationList.SeriousDishonesty });
        Assert.Equal((ListGrounds.AbnormalListTwoYears, new DateOnly(2029, 6, 1), true),
            (serious.Ground, serious.ListedOn, serious.IsActive));
        Assert.All(state.ListEntries.Where(e => e.Year is 2026 or 2027 or 2028), e =>
            Assert.Equal((new DateOnly(2029, 6, 1), ListGrounds.MovedToSeriousList), (e.RemovedOn!.Value, e.RemovalGround!)));
    }

    [Fact]
    public void ApplyDeadlines_LateReportByTheRegistrar_StillCountsAsNotFiledInTime()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 7, 1), ReportFiler.Registrar, lateReason: "补报，经核实");

        var applied = Apply(state, new DateOnly(2027, 7, 2));

        Assert.Equal(new DateOnly(2027, 6, 1), Assert.Single(applied).Date);
        Assert.True(AnnualCycle.Report(state, 2026)!.FiledLate);
    }

    [Fact]
    public void ApplyDeadlines_Deregistered_AppliesNothing()
    {
        var state = Registered(RegisteredOn);
        state.Status = OrganizationStatus.Deregistered;

        Assert.Empty(Apply(state, new DateOnly(2030, 1, 1)));
        Assert.Null(AnnualCycle.NextDeadline(state, DefaultWindows));
    }

    [Fact]
    public void NextDeadline_IsTheNextWindowCloseOrAnEarlierMoveToTheSeriousList()
    {
        var state = Registered(RegisteredOn);
        Assert.Equal(new DateOnly(2027, 6, 1), AnnualCycle.NextDeadline(state, DefaultWindows));

        // Listed for a failed inspection on 2027-03-01: the move to the serious list (2029-03-01) falls before the
        // 2028 window closes (2029-06-01) once the 2026 and 2027 closes are applied.
        File(state, 2026, new DateOnly(2027, 2, 1));
        AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Fail, "账目不清"), new DateOnly(2027, 3, 1), Registrar);
        Apply(state, new DateOnly(2028, 6, 1));

        Assert.Equal(new DateOnly(2029, 3, 1), AnnualCycle.NextDeadline(state, DefaultWindows));
    }

    [Fact]
    public void CheckFiling_BeforeTheWindowOpens_IsRefused()
    {
        var state = Registered(RegisteredOn);

        var error = Assert.Throws<DomainException>(() => File(state, 2026, new DateOnly(2026, 12, 31)));

        Assert.Equal((DomainErrorKind.RuleViolation, "annual-report-window"), (error.Kind, error.Rule));
        Assert.Empty(state.Reports);
    }

    [Fact]
    public void CheckFiling_AfterTheWindow_OnlyTheRegistrarWithAReasonMayRecordALateReport()
    {
        var state = Registered(RegisteredOn);
        var afterWindow = new DateOnly(2027, 6, 1);

        Assert.Equal("annual-report-window", Assert.Throws<DomainException>(() =>
            File(state, 2026, afterWindow, ReportFiler.Organization, lateReason: "忘记了")).Rule);
        Assert.Equal("annual-report-window", Assert.Throws<DomainException>(() =>
            File(state, 2026, afterWindow, ReportFiler.Registrar)).Rule);
        Assert.Empty(state.Reports);

        File(state, 2026, afterWindow, ReportFiler.Registrar, lateReason: "补报");
        Assert.True(AnnualCycle.Report(state, 2026)!.FiledLate);
        Assert.Equal("补报", AnnualCycle.Report(state, 2026)!.Versions[0].Reason);
    }

    [Fact]
    public void CheckFiling_YearBeforeFounding_IsRefused()
    {
        var state = Registered(new DateOnly(2026, 2, 1), foundedYear: 2026);

        var error = Assert.Throws<DomainException>(() => File(state, 2025, new DateOnly(2026, 2, 1)));

        Assert.Equal("annual-report-year-before-founding", error.Rule);
    }

    [Fact]
    public void File_ASecondReportForTheYear_IsAConflictAndChangesNothing()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 3, 1));
        var snapshot = Snapshot(state);

        var error = Assert.Throws<DomainException>(() => File(state, 2026, new DateOnly(2027, 3, 2)));

        Assert.Equal((DomainErrorKind.Conflict, "annual-report-already-filed"), (error.Kind, error.Rule));
        Assert.Equal(snapshot, Snapshot(state));
    }

    [Fact]
    public void Correct_BeforeInspection_AddsAVersionKeepingTheFirst_AfterInspection_IsRefused()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 3, 1));

        var corrected = AnnualCycle.Correct(state, new CorrectAnnualReport(2026, Content(income: 130_000m),
            ReportFiler.Organization, "收入漏记一笔"), new DateOnly(2027, 3, 5), Registrar);

        Assert.Equal([1, 2], corrected.Versions.Select(v => v.Version));
        Assert.Equal([120_000m, 130_000m], corrected.Versions.Select(v => v.Content.Income));
        Assert.Equal(new DateOnly(2027, 3, 1), corrected.FiledOn);

        AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Pass, null), new DateOnly(2027, 7, 1), Registrar);
        var error = Assert.Throws<DomainException>(() => AnnualCycle.Correct(state,
            new CorrectAnnualReport(2026, Content(), ReportFiler.Registrar, "again"), new DateOnly(2027, 7, 2), Registrar));
        Assert.Equal("annual-report-inspected", error.Rule);
        Assert.Equal(2, AnnualCycle.Report(state, 2026)!.Versions.Count);
    }

    [Fact]
    public void Inspect_BeforeAReport_IsRefused_Twice_IsAConflict_FailWithoutReasons_IsInvalid()
    {
        var state = Registered(RegisteredOn);
        var day = new DateOnly(2027, 7, 1);

        Assert.Equal((DomainErrorKind.RuleViolation, "inspection-before-report"), Rule(() =>
            AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Pass, null), day, Registrar)));

        File(state, 2026, new DateOnly(2027, 3, 1));
        Assert.Equal((DomainErrorKind.Invalid, "field-required"), Rule(() =>
            AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Fail, " "), day, Registrar)));
        AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Pass, null), day, Registrar);
        Assert.Equal((DomainErrorKind.Conflict, "inspection-already-recorded"), Rule(() =>
            AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Fail, "x"), day, Registrar)));
        Assert.Equal(InspectionOutcome.Pass, AnnualCycle.Report(state, 2026)!.Inspection!.Outcome);
    }

    [Fact]
    public void Inspect_Fail_ListsAbnormalOnTheDecisionDate_AndAMissedNextYearFlagsRevocation()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 3, 1));
        var decided = new DateOnly(2027, 8, 15);

        AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Fail, "未按章程开展活动"), decided, Registrar);

        var entry = Assert.Single(state.ListEntries);
        Assert.Equal((OrganizationList.Abnormal, ListGrounds.AnnualInspectionFailed, 2026, decided, "registrar-zhang"),
            (entry.List, entry.Ground, entry.Year, entry.ListedOn, entry.ListedBy));
        Assert.Null(state.RevocationFlag);

        Apply(state, new DateOnly(2028, 6, 1));
        Assert.Equal([2026, 2027], state.RevocationFlag!.Years);
        Assert.Equal(new DateOnly(2028, 6, 1), state.RevocationFlag.FlaggedOn);
    }

    [Theory]
    [InlineData(InspectionOutcome.BasicPass)]
    [InlineData(InspectionOutcome.Fail)]
    public void CheckFiling_AfterABasicPassOrFail_RequiresARectificationReport(InspectionOutcome outcome)
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 3, 1));
        AnnualCycle.Inspect(state, new RecordInspection(2026, outcome, "财务制度不健全"), new DateOnly(2027, 7, 1), Registrar);

        var error = Assert.Throws<DomainException>(() => File(state, 2027, new DateOnly(2028, 3, 1)));

        Assert.Equal("rectification-report-required", error.Rule);
        File(state, 2027, new DateOnly(2028, 3, 1), rectification: "已建立财务制度");
        Assert.Equal("已建立财务制度", AnnualCycle.Report(state, 2027)!.Versions[0].Content.RectificationReport);
    }

    [Fact]
    public void CheckFiling_AfterAPass_NeedsNoRectificationReport()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 3, 1));
        AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Pass, null), new DateOnly(2027, 7, 1), Registrar);

        File(state, 2027, new DateOnly(2028, 3, 1));

        Assert.NotNull(AnnualCycle.Report(state, 2027));
    }

    [Fact]
    public void RemoveFromList_AbnormalWhileTheReportIsStillMissing_IsRefused_ThenAllowedOnceFiled()
    {
        var state = Registered(RegisteredOn);
        Apply(state, new DateOnly(2027, 6, 1));
        var removal = new RemoveFromList(OrganizationList.Abnormal, "已补报并核实");

        Assert.Equal("abnormal-obligation-unmet", Rule(() =>
            AnnualCycle.RemoveFromList(state, removal, new DateOnly(2027, 7, 1), Registrar)).Rule);
        Assert.True(state.ListEntries[0].IsActive);

        File(state, 2026, new DateOnly(2027, 7, 1), ReportFiler.Registrar, lateReason: "补报");
        var closed = Assert.Single(AnnualCycle.RemoveFromList(state, removal, new DateOnly(2027, 7, 2), Registrar));

        Assert.Equal((new DateOnly(2027, 7, 2), "已补报并核实", "registrar-zhang"),
            (closed.RemovedOn!.Value, closed.RemovalGround!, closed.RemovedBy!));
        Assert.Equal(closed, state.ListEntries[0]);
        Assert.Equal(OrganizationEventKind.RemovedFromList, state.Events[^1].Kind);
    }

    [Fact]
    public void RemoveFromList_NotOnTheList_IsRefused()
    {
        var state = Registered(RegisteredOn);

        Assert.Equal("not-on-list", Rule(() => AnnualCycle.RemoveFromList(state,
            new RemoveFromList(OrganizationList.SeriousDishonesty, "申请"), RegisteredOn, Registrar)).Rule);
    }

    [Fact]
    public void RemoveFromList_Serious_OnlyAfterTwoYearsWithoutNewGrounds()
    {
        var state = Registered(RegisteredOn);
        Apply(state, new DateOnly(2029, 6, 1)); // on the serious list from 2029-06-01
        File(state, 2029, new DateOnly(2030, 3, 1));
        File(state, 2030, new DateOnly(2031, 3, 1));
        Apply(state, new DateOnly(2031, 6, 1));
        var removal = new RemoveFromList(OrganizationList.SeriousDishonesty, "本组织申请移出");

        Assert.Equal("serious-list-removal-too-early", Rule(() =>
            AnnualCycle.RemoveFromList(state, removal, new DateOnly(2031, 5, 31), Registrar)).Rule);
        Assert.True(state.ListEntries.Single(e => e.List == OrganizationList.SeriousDishonesty).IsActive);

        var closed = Assert.Single(AnnualCycle.RemoveFromList(state, removal, new DateOnly(2031, 6, 1), Registrar));
        Assert.Equal((OrganizationList.SeriousDishonesty, new DateOnly(2031, 6, 1), "本组织申请移出"),
            (closed.List, closed.RemovedOn!.Value, closed.RemovalGround!));
        Assert.DoesNotContain(state.ListEntries, e => e.IsActive);
    }

    [Fact]
    public void RemoveFromList_Serious_WhileStillAbnormal_IsRefused_AndANewGroundRestartsTheTwoYears()
    {
        var state = Registered(RegisteredOn);
        Apply(state, new DateOnly(2029, 6, 1));
        File(state, 2029, new DateOnly(2030, 3, 1));
        Apply(state, new DateOnly(2031, 6, 1)); // 2030 not filed: a new abnormal ground on 2031-06-01
        var removal = new RemoveFromList(OrganizationList.SeriousDishonesty, "本组织申请移出");

        Assert.Equal("abnormal-listing-outstanding", Rule(() =>
            AnnualCycle.RemoveFromList(state, removal, new DateOnly(2031, 6, 1), Registrar)).Rule);

        File(state, 2030, new DateOnly(2031, 6, 2), ReportFiler.Registrar, lateReason: "补报");
        AnnualCycle.RemoveFromList(state, new RemoveFromList(OrganizationList.Abnormal, "已补报"), new DateOnly(2031, 6, 2), Registrar);
        Assert.Equal("serious-list-removal-too-early", Rule(() =>
            AnnualCycle.RemoveFromList(state, removal, new DateOnly(2033, 5, 31), Registrar)).Rule);

        Assert.Single(AnnualCycle.RemoveFromList(state, removal, new DateOnly(2033, 6, 1), Registrar));
    }

    private static (DomainErrorKind Kind, string Rule) Rule(Func<object> action)
    {
        var error = Assert.Throws<DomainException>(action);
        return (error.Kind, error.Rule);
    }
}
