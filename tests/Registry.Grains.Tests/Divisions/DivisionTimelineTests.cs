using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Grains.Divisions;

namespace Registry.Grains.Tests.Divisions;

public sealed class DivisionTimelineTests
{
    private static readonly DateOnly Day = new(2024, 1, 1);

    private static readonly DivisionState Real = ReferenceDivisions.CountyWithTownships(0);

    private static DivisionState County() => new()
    {
        Code = Real.Code,
        Level = DivisionLevel.County,
        Names = [new DatedValue("甲", null), new DatedValue("乙", Day)],
        Children = [new ChildLink(Real.Children[0].Code, null, null), new ChildLink(Real.Children[1].Code, null, Day)],
    };

    [Fact]
    public void ValueAsOf_BeforeFirstDatedEntry_IsTheUndatedOne()
    {
        Assert.Equal("甲", DivisionTimeline.ValueAsOf(County().Names, Day.AddDays(-1)));
        Assert.Equal("乙", DivisionTimeline.ValueAsOf(County().Names, Day));
    }

    [Fact]
    public void StatusAsOf_ValidToIsTheFirstDayItNoLongerExists()
    {
        var state = County();
        state.ValidTo = Day;
        state.EndStatus = DivisionStatus.Abolished;

        Assert.Equal(DivisionStatus.InForce, DivisionTimeline.StatusAsOf(state, Day.AddDays(-1)));
        Assert.Equal(DivisionStatus.Abolished, DivisionTimeline.StatusAsOf(state, Day));
    }

    [Fact]
    public void IsLinkInForce_LinkEndingOnADate_IsOutFromThatDate()
    {
        var ended = County().Children[1];

        Assert.True(DivisionTimeline.IsLinkInForce(ended, Day.AddDays(-1)));
        Assert.False(DivisionTimeline.IsLinkInForce(ended, Day));
    }

    [Fact]
    public void NamePeriods_EachNameEndsWhereTheNextBegins()
    {
        Assert.Equal([new DivisionNamePeriod("甲", null, Day), new DivisionNamePeriod("乙", Day, null)],
            DivisionTimeline.NamePeriods(County()));
    }

    [Theory]
    [InlineData("", "division-name-required")]
    [InlineData("   ", "division-name-required")]
    [InlineData("名\u0007字", "division-name-invalid")]
    public void EnsureCanRename_BadName_IsInvalid(string name, string rule)
    {
        var error = Assert.Throws<DomainException>(() =>
            DivisionTimeline.EnsureCanRename(County(), new RenameDivision(name, Day.AddDays(1), "why")));

        Assert.Equal(rule, error.Rule);
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void EnsureCanRename_NoReason_IsInvalid()
    {
        var error = Assert.Throws<DomainException>(() =>
            DivisionTimeline.EnsureCanRename(County(), new RenameDivision("丙", Day.AddDays(1), " ")));

        Assert.Equal("reason-required", error.Rule);
    }

    [Fact]
    public void EnsureCanAbolish_ChildEndedBeforeTheDate_DoesNotBlock()
    {
        var state = County();
        state.Children.RemoveAt(0);

        DivisionTimeline.EnsureCanAbolish(state, new AbolishDivision(Day, "why"));

        state.Children.Add(new ChildLink(Real.Children[0].Code, null, Day.AddDays(1)));
        Assert.Equal("division-has-children", Assert.Throws<DomainException>(() =>
            DivisionTimeline.EnsureCanAbolish(state, new AbolishDivision(Day, "why"))).Rule);
    }

    [Fact]
    public void EnsureCanMerge_TargetNotInForce_IsRefused()
    {
        var state = County();
        var target = new DivisionSummary(ReferenceDivisions.CountyWithTownships(1).Code, "丁", DivisionLevel.County,
            DivisionStatus.Abolished);

        Assert.Equal("merge-target-not-in-force", Assert.Throws<DomainException>(() =>
            DivisionTimeline.EnsureCanMerge(state, new MergeDivision(target.Code, Day, "why"), target)).Rule);
    }
}
