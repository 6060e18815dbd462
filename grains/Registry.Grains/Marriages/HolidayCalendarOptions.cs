namespace Registry.Grains.Marriages;

/// <summary>
/// The <c>Registry:Calendar</c> section: the public holidays and the weekend days worked instead (调休) that decide
/// when a legal deadline moves to the next working day. The State Council publishes each year's arrangement; a
/// deployment lists the years it needs. Without entries only weekends are rest days.
/// </summary>
public sealed class HolidayCalendarOptions
{
    public const string Section = "Registry:Calendar";

    /// <summary>Public holidays (rest days), including the weekdays given off in exchange for worked
    /// weekends.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Saturdays and Sundays that are working days because a holiday was moved.</summary>
    public List<DateOnly> WorkingDays { get; set; } = [];

    /// <summary>Saturdays and Sundays are rest days unless listed in <see cref="WorkingDays"/> (Civil Code art. 203
    /// counts them among the statutory rest days).</summary>
    public bool WeekendsAreRestDays { get; set; } = true;

    /// <summary>The problems that make the calendar unusable; empty when it is consistent.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var day in Holidays.Intersect(WorkingDays))
        {
            yield return $"{day:yyyy-MM-dd} is listed both as a holiday and as a working day.";
        }

        foreach (var day in WorkingDays.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            yield return $"{day:yyyy-MM-dd} is listed as a working day but is not a Saturday or Sunday.";
        }
    }
}
