using Registry.Abstractions.Time;

namespace Registry.Grains.Deadlines;

/// <summary>
/// The one way a record arms its durable deadline reminder (divorce applications' last days, organizations' annual
/// cycle): due at the start of a civil day in the bureau's zone. Orleans reminders cannot be due more than ~49 days
/// ahead, so a later day is reached by waits of at most <see cref="LongestWait"/> whose ticks find nothing due yet and
/// re-arm; <see cref="Period"/> is the fallback cadence if a re-arm after a tick fails. Exactly-once comes from each
/// record's state, never from the reminder.
/// </summary>
public static class DeadlineReminders
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(28);

    public static readonly TimeSpan ShortestWait = TimeSpan.FromMinutes(1);

    /// <summary>How long from now until the start of <paramref name="day"/> in the bureau's zone, within the
    /// reminder's bounds.</summary>
    public static TimeSpan WaitUntil(DateOnly day, BureauClock clock)
    {
        var start = new DateTimeOffset(
            TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), clock.Zone), TimeSpan.Zero);
        var wait = start - clock.Now;
        return wait < ShortestWait ? ShortestWait : wait > LongestWait ? LongestWait : wait;
    }

    /// <summary>Arms (or moves) reminder <paramref name="name"/> of <paramref name="grain"/> to the start of
    /// <paramref name="day"/>.</summary>
    public static Task ArmAsync(Grain grain, string name, DateOnly day, BureauClock clock) =>
        grain.RegisterOrUpdateReminder(name, WaitUntil(day, clock), Period);
}
