using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using static Registry.Grains.Tests.Organizations.CycleTestData;

namespace Registry.Grains.Tests.Organizations;

public sealed class SanctionsTests
{
    private static readonly DateOnly RegisteredOn = new(2026, 11, 23);
    private static readonly DateOnly Today = new(2027, 4, 1);

    private static ImposePenalty Penalty(PenaltyKind kind, string number, decimal? amount = null,
        DateOnly? from = null, DateOnly? until = null, DateOnly? decidedOn = null) =>
        new(kind, number, decidedOn ?? Today, "某区民政局", "未按规定办理变更登记，依据《社会团体登记管理条例》第三十条", amount, from, until);

    private static Penalty Impose(OrganizationState state, ImposePenalty command) =>
        Sanctions.Impose(state, command, Today, Registrar);

    [Fact]
    public void Impose_RecordsTheDecisionPublicly_AndARepeatedDecisionNumberIsAConflict()
    {
        var state = Registered(RegisteredOn);

        var fine = Impose(state, Penalty(PenaltyKind.Fine, "民罚字〔2027〕1号", amount: 20_000m));

        Assert.Equal((1, PenaltyKind.Fine, "民罚字〔2027〕1号", Today, "某区民政局", 20_000m),
            (fine.Id, fine.Kind, fine.DecisionNumber, fine.DecidedOn, fine.Authority, fine.Amount));
        Assert.Equal(OrganizationEventKind.PenaltyImposed, state.Events[^1].Kind);
        Assert.Equal("fine", state.Events[^1].Ground);
        Assert.Equal((DomainErrorKind.Conflict, "penalty-decision-recorded"),
            Rule(() => Impose(state, Penalty(PenaltyKind.Warning, " 民罚字〔2027〕1号 "))));
        Assert.Single(state.Penalties);
    }

    [Theory]
    [InlineData(PenaltyKind.Fine, null, "penalty-amount-required")]
    [InlineData(PenaltyKind.Confiscation, 0, "penalty-amount-required")]
    [InlineData(PenaltyKind.Warning, 100, "penalty-amount-unexpected")]
    public void Impose_AmountOnlyForFinesAndConfiscations(PenaltyKind kind, int? amount, string rule)
    {
        var state = Registered(RegisteredOn);

        Assert.Equal((DomainErrorKind.Invalid, rule), Rule(() => Impose(state, Penalty(kind, "1", amount: amount))));
        Assert.Empty(state.Penalties);
    }

    [Fact]
    public void Impose_SuspensionNeedsAPeriodFromTheDecisionOn_OthersHaveNone()
    {
        var state = Registered(RegisteredOn);

        Assert.Equal("suspension-period-required", Rule(() => Impose(state, Penalty(PenaltyKind.Suspension, "1"))).Rule);
        Assert.Equal("suspension-period-invalid", Rule(() => Impose(state,
            Penalty(PenaltyKind.Suspension, "1", from: Today.AddDays(30), until: Today.AddDays(29)))).Rule);
        Assert.Equal("suspension-period-invalid", Rule(() => Impose(state,
            Penalty(PenaltyKind.Suspension, "1", from: Today.AddDays(-1), until: Today.AddDays(29)))).Rule);
        Assert.Equal("suspension-period-unexpected", Rule(() => Impose(state,
            Penalty(PenaltyKind.Warning, "1", from: Today, until: Today.AddDays(29)))).Rule);

        var suspension = Impose(state, Penalty(PenaltyKind.Suspension, "1", from: Today, until: Today.AddMonths(3)));
        Assert.Equal((Today, Today.AddMonths(3)), (suspension.SuspendedFrom!.Value, suspension.SuspendedUntil!.Value));
    }

    [Fact]
    public void Impose_DecisionInTheFutureOrBeforeTheRecord_IsRefused()
    {
        var state = Registered(RegisteredOn);

        Assert.Equal("decision-date-future",
            Rule(() => Impose(state, Penalty(PenaltyKind.Warning, "1", decidedOn: Today.AddDays(1)))).Rule);
        Assert.Equal("decision-date-before-record",
            Rule(() => Impose(state, Penalty(PenaltyKind.Warning, "1", decidedOn: RegisteredOn.AddDays(-1)))).Rule);
    }

    [Fact]
    public void Revocation_EndsTheOrganization_EndsItsGrade_AndListsItSeriouslyDishonest()
    {
        var state = Registered(RegisteredOn);
        state.Grades.Add(new GradeEvaluation(3, RegisteredOn, RegisteredOn.AddYears(5), "registrar", null));

        Impose(state, Penalty(PenaltyKind.Revocation, "民撤字〔2027〕3号"));

        Assert.Equal((OrganizationStatus.Revoked, Today), (state.Status, state.RevokedOn!.Value));
        Assert.Equal((Today, GradeEndReasons.RegistrationRevoked), (state.Grades[0].EndedOn!.Value, state.Grades[0].EndedBecause!));
        var listed = Assert.Single(state.ListEntries);
        Assert.Equal((OrganizationList.SeriousDishonesty, DishonestyGrounds.RegistrationRevoked, "民撤字〔2027〕3号", "某区民政局"),
            (listed.List, listed.Ground, listed.DecisionNumber, listed.Authority));
        Assert.Null(AnnualCycle.NextDeadline(state, DefaultWindows));
        var error = Assert.Throws<DomainException>(() => Impose(state, Penalty(PenaltyKind.Warning, "2")));
        Assert.Equal((DomainErrorKind.Conflict, "organization-revoked"), (error.Kind, error.Rule));
    }

    [Fact]
    public void ListSeriouslyDishonest_OnAGroundOfTheMeasures_ByDecision_EndsTheGrade()
    {
        var state = Registered(RegisteredOn);
        state.Grades.Add(new GradeEvaluation(3, RegisteredOn, RegisteredOn.AddYears(5), "registrar", null));

        var entry = Sanctions.ListSeriouslyDishonest(state, new ListAsSeriouslyDishonest(
            DishonestyGrounds.DishonestJudgmentDebtor, "民信字〔2027〕5号", Today, "某区民政局", "法院失信被执行人名单"), Today, Registrar);

        Assert.Equal((OrganizationList.SeriousDishonesty, "dishonest-judgment-debtor", Today, "民信字〔2027〕5号"),
            (entry.List, entry.Ground, entry.ListedOn, entry.DecisionNumber));
        Assert.Equal(GradeEndReasons.SeriousDishonestyList, state.Grades[0].EndedBecause);
        Assert.Equal("already-on-serious-list", Rule(() => Sanctions.ListSeriouslyDishonest(state,
            new ListAsSeriouslyDishonest(DishonestyGrounds.OtherByLaw, "6", Today, "某区民政局", "再次"), Today, Registrar)).Rule);
    }

    [Theory]
    [InlineData("abnormal-list-two-years")]
    [InlineData("SuspensionOfActivities")]
    [InlineData("")]
    public void ListSeriouslyDishonest_GroundNotADecisionGround_IsInvalid(string ground)
    {
        var state = Registered(RegisteredOn);

        Assert.Equal((DomainErrorKind.Invalid, "dishonesty-ground"), Rule(() => Sanctions.ListSeriouslyDishonest(state,
            new ListAsSeriouslyDishonest(ground, "1", Today, "某区民政局", "理由"), Today, Registrar)));
        Assert.Empty(state.ListEntries);
    }

    [Fact]
    public void ListSeriouslyDishonest_GroundsResting_OnPenalties_NeedThemOnRecord()
    {
        var state = Registered(RegisteredOn);
        ListEntry List(string ground) => Sanctions.ListSeriouslyDishonest(state,
            new ListAsSeriouslyDishonest(ground, "L-" + ground, Today, "某区民政局", "依据信用信息管理办法"), Today, Registrar);

        Assert.Equal("dishonesty-ground-not-on-record", Rule(() => List(DishonestyGrounds.SuspensionOfActivities)).Rule);
        Impose(state, Penalty(PenaltyKind.Fine, "1", amount: 49_999m));
        Assert.Equal("dishonesty-ground-not-on-record", Rule(() => List(DishonestyGrounds.FineOf50000OrMore)).Rule);
        Assert.Equal("dishonesty-ground-not-on-record", Rule(() => List(DishonestyGrounds.RepeatedWarningsOrFines)).Rule);
        Assert.Empty(state.ListEntries);

        Impose(state, Penalty(PenaltyKind.Warning, "2"));
        Assert.Equal("repeated-warnings-or-fines", List(DishonestyGrounds.RepeatedWarningsOrFines).Ground);
    }

    private static (DomainErrorKind Kind, string Rule) Rule(Func<object> action)
    {
        var error = Assert.Throws<DomainException>(action);
        return (error.Kind, error.Rule);
    }
}
