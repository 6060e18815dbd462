using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using static Registry.Grains.Tests.Organizations.CycleTestData;

namespace Registry.Grains.Tests.Organizations;

public sealed class GradingTests
{
    private static readonly DateOnly RegisteredOn = new(2026, 11, 23);

    /// <summary>Registered <see cref="RegisteredOn"/>, reports 2026 and 2027 filed in their windows and passed.</summary>
    private static OrganizationState Eligible()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 3, 1));
        AnnualCycle.Inspect(state, new RecordInspection(2026, InspectionOutcome.Pass, null), new DateOnly(2027, 7, 1), Registrar);
        File(state, 2027, new DateOnly(2028, 3, 1));
        AnnualCycle.Inspect(state, new RecordInspection(2027, InspectionOutcome.Pass, null), new DateOnly(2028, 7, 1), Registrar);
        Apply(state, new DateOnly(2028, 7, 1));
        return state;
    }

    private static GradeEvaluation Evaluate(OrganizationState state, int grade, DateOnly on) =>
        Grading.Evaluate(state, new EvaluateGrade(grade, null), on, Registrar);

    [Fact]
    public void Evaluate_BeforeTwoFullYearsSinceRegistration_IsRefused_OnTheAnniversaryAllowed()
    {
        var state = Eligible();

        Assert.Equal((DomainErrorKind.RuleViolation, "grade-too-early"),
            Rule(() => Evaluate(state, 4, new DateOnly(2028, 11, 22))));
        Assert.Empty(state.Grades);
        Assert.Equal("4A", Evaluate(state, 4, new DateOnly(2028, 11, 23)).Label);
    }

    [Fact]
    public void Evaluate_WithAGradeInForce_IsRefused_UntilItExpires_ThenValidFiveYears()
    {
        var state = Eligible();
        var first = Evaluate(state, 3, new DateOnly(2028, 12, 1));
        Assert.Equal(new DateOnly(2033, 12, 1), first.ValidUntil);

        Assert.Equal((DomainErrorKind.Conflict, "grade-in-force"), Rule(() => Evaluate(state, 5, new DateOnly(2028, 12, 1))));
        Assert.Equal((DomainErrorKind.Conflict, "grade-in-force"), Rule(() => Evaluate(state, 5, new DateOnly(2033, 11, 30))));

        // A decision dated before the recorded one, when it would not overlap it, is out of the order decided.
        Assert.Equal((DomainErrorKind.Conflict, "grade-out-of-order"),
            Rule(() => Evaluate(state, 2, new DateOnly(2028, 11, 30))));
        Assert.Single(state.Grades);

        // Keep the organization eligible through 2033: every report filed and passed.
        for (var year = 2028; year <= 2032; year++)
        {
            File(state, year, new DateOnly(year + 1, 3, 1));
            AnnualCycle.Inspect(state, new RecordInspection(year, InspectionOutcome.Pass, null), new DateOnly(year + 1, 7, 1), Registrar);
        }

        Assert.DoesNotContain(Apply(state, new DateOnly(2033, 12, 1)), e => e.Kind == OrganizationEventKind.Listed);
        var second = Evaluate(state, 5, new DateOnly(2033, 12, 1));
        Assert.Equal(("5A", new DateOnly(2038, 12, 1)), (second.Label, second.ValidUntil));
        Assert.Same(second, Grading.InForce(state, new DateOnly(2033, 12, 1)));
    }

    [Fact]
    public void Evaluate_WithoutAnyInspection_IsRefused()
    {
        var state = Registered(RegisteredOn);
        File(state, 2026, new DateOnly(2027, 3, 1));
        File(state, 2027, new DateOnly(2028, 3, 1));
        Apply(state, new DateOnly(2028, 12, 1));

        Assert.Equal("grade-without-inspection", Rule(() => Evaluate(state, 2, new DateOnly(2028, 12, 1))).Rule);
    }

    [Fact]
    public void Evaluate_LastInspectionFailed_OrTwoBasicPassesRunning_IsRefused()
    {
        var failed = Registered(RegisteredOn);
        File(failed, 2026, new DateOnly(2027, 3, 1));
        AnnualCycle.Inspect(failed, new RecordInspection(2026, InspectionOutcome.Pass, null), new DateOnly(2027, 7, 1), Registrar);
        File(failed, 2027, new DateOnly(2028, 3, 1));
        AnnualCycle.Inspect(failed, new RecordInspection(2027, InspectionOutcome.Fail, "账目不清"), new DateOnly(2028, 7, 1), Registrar);
        AnnualCycle.RemoveFromList(failed, new RemoveFromList(OrganizationList.Abnormal, "整改核实"), new DateOnly(2028, 8, 1), Registrar);

        var basic = Registered(RegisteredOn);
        File(basic, 2026, new DateOnly(2027, 3, 1));
        AnnualCycle.Inspect(basic, new RecordInspection(2026, InspectionOutcome.BasicPass, "会议记录不全"), new DateOnly(2027, 7, 1), Registrar);
        File(basic, 2027, new DateOnly(2028, 3, 1), rectification: "已补全会议记录");
        AnnualCycle.Inspect(basic, new RecordInspection(2027, InspectionOutcome.BasicPass, "财务制度不健全"), new DateOnly(2028, 7, 1), Registrar);

        var failedError = Assert.Throws<DomainException>(() => Evaluate(failed, 2, new DateOnly(2028, 12, 1)));
        var basicError = Assert.Throws<DomainException>(() => Evaluate(basic, 2, new DateOnly(2028, 12, 1)));

        Assert.Equal(("grade-after-failed-inspection", "grade-after-failed-inspection"), (failedError.Rule, basicError.Rule));
        Assert.Contains("fail (不合格)", failedError.Message);
        Assert.Contains("basic-pass (基本合格)", basicError.Message);
        Assert.DoesNotContain("BasicPass", basicError.Message);
    }

    [Fact]
    public void Evaluate_WhileListed_IsRefused_NamingTheListInTheApisTerms()
    {
        var state = Eligible();
        AnnualCycle.ListUnreachable(state, new RecordUnreachable("两次邮寄无人签收"), new DateOnly(2028, 11, 30), Registrar);

        var error = Assert.Throws<DomainException>(() => Evaluate(state, 4, new DateOnly(2028, 12, 1)));

        Assert.Equal("grade-while-listed", error.Rule);
        Assert.Contains("abnormal-activity list (活动异常名录)", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Evaluate_OutsideOneToFive_IsInvalid(int grade)
    {
        var state = Eligible();

        Assert.Equal((DomainErrorKind.Invalid, "grade-format"), Rule(() => Evaluate(state, grade, new DateOnly(2028, 12, 1))));
    }

    [Fact]
    public void EndInForce_EndsTheGradeOnTheDate_AndRecordsWhy_AnExpiredGradeIsLeftAlone()
    {
        var state = Eligible();
        Evaluate(state, 4, new DateOnly(2028, 12, 1));

        Grading.EndInForce(state, new DateOnly(2030, 1, 5), GradeEndReasons.SeriousDishonestyList, CycleTestData.System);

        var ended = Assert.Single(state.Grades);
        Assert.Equal((new DateOnly(2030, 1, 5), "serious-dishonesty-list"), (ended.EndedOn!.Value, ended.EndedBecause!));
        Assert.True(ended.IsValidOn(new DateOnly(2030, 1, 4)));
        Assert.False(ended.IsValidOn(new DateOnly(2030, 1, 5)));
        Assert.Equal(OrganizationEventKind.GradeEnded, state.Events[^1].Kind);
        var events = state.Events.Count;
        Grading.EndInForce(state, new DateOnly(2030, 2, 1), GradeEndReasons.Deregistered, CycleTestData.System);
        Assert.Equal(events, state.Events.Count);
    }

    [Fact]
    public void EscalationToTheSeriousList_EndsTheGradeInForce()
    {
        var state = Eligible();
        Evaluate(state, 4, new DateOnly(2028, 12, 1));
        AnnualCycle.ListUnreachable(state, new RecordUnreachable("无法取得联系"), new DateOnly(2029, 1, 10), Registrar);
        for (var year = 2028; year <= 2029; year++)
        {
            File(state, year, new DateOnly(year + 1, 3, 1));
        }

        Apply(state, new DateOnly(2031, 1, 10));

        Assert.Contains(state.ListEntries, e => e.IsActive && e.List == OrganizationList.SeriousDishonesty);
        Assert.Equal((new DateOnly(2031, 1, 10), GradeEndReasons.SeriousDishonestyList),
            (state.Grades[0].EndedOn!.Value, state.Grades[0].EndedBecause!));
    }

    private static (DomainErrorKind Kind, string Rule) Rule(Func<object> action)
    {
        var error = Assert.Throws<DomainException>(action);
        return (error.Kind, error.Rule);
    }
}
