using Microsoft.Extensions.Options;

namespace Registry.Grains.Marriages;

/// <summary>Working days and rest days of the bureau, from <see cref="HolidayCalendarOptions"/>. Immutable and
/// thread-safe.</summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> workingDays;
    private readonly bool weekendsAreRestDays;

    public HolidayCalendar(IOptions<HolidayCalendarOptions> options)
        : this(options.Value)
    {
    }

    public HolidayCalendar(HolidayCalendarOptions options)
    {
        holidays = [.. options.Holidays];
        workingDays = [.. options.WorkingDays];
        weekendsAreRestDays = options.WeekendsAreRestDays;
    }

    public bool IsRestDay(DateOnly day) =>
        holidays.Contains(day)
        || (weekendsAreRestDays
            && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            && !workingDays.Contains(day));

    /// <summary>The day itself when it is a working day, otherwise the first working day after it (Civil Code
    /// art. 203: a period ending on a rest day ends on the day after the rest days).</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day)
    {
        while (IsRestDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
