using Microsoft.Extensions.Time.Testing;
using Registry.Abstractions.Time;
using Registry.Grains.Deadlines;

namespace Registry.Grains.Tests.Deadlines;

public class DeadlineRemindersTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById(BureauClock.DefaultTimeZoneId);

    [Fact]
    public void A_DeadlineDay_IsDueAtItsStart_InTheBureausZone_NotAtUtcMidnight()
    {
        // 2026-12-03 10:00 in Beijing is 02:00 UTC; the start of 2026-12-04 in Beijing is 2026-12-03 16:00 UTC.
        var clock = new BureauClock(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero)), Beijing);

        Assert.Equal(TimeSpan.FromHours(14), DeadlineReminders.WaitUntil(new DateOnly(2026, 12, 4), clock));
    }

    [Fact]
    public void A_DayFarAhead_IsReachedByTheLongestWait_AndAPastDay_ByTheShortest()
    {
        var clock = new BureauClock(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero)), Beijing);

        Assert.Equal(DeadlineReminders.LongestWait, DeadlineReminders.WaitUntil(new DateOnly(2027, 6, 30), clock));
        Assert.Equal(DeadlineReminders.ShortestWait, DeadlineReminders.WaitUntil(new DateOnly(2026, 12, 1), clock));
        Assert.Equal(DeadlineReminders.ShortestWait, DeadlineReminders.WaitUntil(new DateOnly(2026, 12, 3), clock));
    }
}
