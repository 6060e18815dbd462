using Registry.Abstractions.Marriages;
using Registry.Grains.Marriages;

namespace Registry.Grains.Tests.Marriages;

public sealed class DivorcePeriodsTests
{
    // A Tuesday, so that +30 days is a Thursday and +60 a Saturday: both cases below follow from the calendar.
    private static readonly DateOnly Received = new(2026, 3, 3);

    private static HolidayCalendar Calendar(IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? workingDays = null, bool weekends = true) =>
        new(new HolidayCalendarOptions
        {
            Holidays = [.. holidays ?? []],
            WorkingDays = [.. workingDays ?? []],
            WeekendsAreRestDays = weekends,
        });

    [Fact]
    public void For_NoHolidays_CountsThirtyDaysFromTheDayAfterReceipt()
    {
        Assert.Equal(DayOfWeek.Tuesday, Received.DayOfWeek);

        var (coolingOffEnds, lastDay) = DivorcePeriods.For(Received, Calendar(weekends: false));

        Assert.Equal(Received.AddDays(30), coolingOffEnds);
        Assert.Equal(Received.AddDays(60), lastDay);
    }

    [Fact]
    public void For_LastDayOnAWeekend_MovesToMonday()
    {
        var (coolingOffEnds, lastDay) = DivorcePeriods.For(Received, Calendar());

        Assert.Equal(DayOfWeek.Thursday, coolingOffEnds.DayOfWeek);
        Assert.Equal(Received.AddDays(30), coolingOffEnds);
        Assert.Equal(DayOfWeek.Saturday, Received.AddDays(60).DayOfWeek);
        Assert.Equal(Received.AddDays(62), lastDay);
        Assert.Equal(DayOfWeek.Monday, lastDay.DayOfWeek);
    }

    [Fact]
    public void For_CoolingOffEndingOnAHolidayRun_MovesPastItAndTheSecondPeriodStartsFromThere()
    {
        var end = Received.AddDays(30);
        var holidays = new[] { end, end.AddDays(1) }; // Thursday and Friday, then the weekend

        var (coolingOffEnds, lastDay) = DivorcePeriods.For(Received, Calendar(holidays));

        Assert.Equal(end.AddDays(4), coolingOffEnds);
        Assert.Equal(DayOfWeek.Monday, coolingOffEnds.DayOfWeek);
        Assert.Equal(Calendar(holidays).OnOrNextWorkingDay(coolingOffEnds.AddDays(30)), lastDay);
        Assert.Equal(coolingOffEnds.AddDays(30), lastDay); // a Wednesday
    }

    [Fact]
    public void For_LastDayOnAWorkedWeekendDay_DoesNotMove()
    {
        var saturday = Received.AddDays(60);

        var (_, lastDay) = DivorcePeriods.For(Received, Calendar(workingDays: [saturday]));

        Assert.Equal(saturday, lastDay);
    }

    [Fact]
    public void StatusOn_FollowsTheWindow()
    {
        var application = new DivorceApplicationRecord
        {
            Sequence = 1,
            ReceivedOn = Received,
            CoolingOffEnds = Received.AddDays(30),
            LastDayToAppear = Received.AddDays(60),
        };

        Assert.Equal(DivorceApplicationStatus.CoolingOff, DivorcePeriods.StatusOn(application, Received));
        Assert.Equal(DivorceApplicationStatus.CoolingOff, DivorcePeriods.StatusOn(application, Received.AddDays(30)));
        Assert.Equal(DivorceApplicationStatus.AwaitingRegistration,
            DivorcePeriods.StatusOn(application, Received.AddDays(31)));
        Assert.Equal(DivorceApplicationStatus.AwaitingRegistration,
            DivorcePeriods.StatusOn(application, Received.AddDays(60)));
        Assert.Equal(DivorceApplicationStatus.DeemedWithdrawn,
            DivorcePeriods.StatusOn(application, Received.AddDays(61)));
        Assert.False(DivorcePeriods.HasLapsed(application, Received.AddDays(60)));
        Assert.True(DivorcePeriods.HasLapsed(application, Received.AddDays(61)));
    }

    [Fact]
    public void Options_DateBothHolidayAndWorkingDay_IsAProblem()
    {
        var saturday = Received.AddDays(4);
        var options = new HolidayCalendarOptions { Holidays = [saturday], WorkingDays = [saturday, Received] };

        var problems = options.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Empty(new HolidayCalendarOptions { Holidays = [Received] }.Problems());
    }
}
