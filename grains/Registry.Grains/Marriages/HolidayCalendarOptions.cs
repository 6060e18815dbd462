namespace Registry.Grains.Marriages;

/// <summary>
/// The <c>Registry:Calendar</c> section: the holiday calendar shipped with the deployment (the public holidays and the
/// weekend days worked instead, 调休, of the State Council's notice named by <see cref="Reference"/>). It is seed data:
/// each year it covers is loaded through that year's calendar grain when the grain first activates, exactly as an
/// administrator's load would be, and later years are loaded by an administrator when their notice is published.
/// </summary>
public sealed class HolidayCalendarOptions
{
    public const string Section = "Registry:Calendar";

    /// <summary>The notice the shipped days come from (its title and date).</summary>
    public string Reference { get; set; } = "configuration";

    /// <summary>Public holidays (rest days), including the weekdays given off in exchange for worked
    /// weekends.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Saturdays and Sundays that are working days because a holiday was moved.</summary>
    public List<DateOnly> WorkingDays { get; set; } = [];

    /// <summary>Saturdays and Sundays are rest days unless listed in <see cref="WorkingDays"/> (Civil Code art. 203
    /// counts them among the statutory rest days).</summary>
    public bool WeekendsAreRestDays { get; set; } = true;

    /// <summary>The seed of <paramref name="year"/>, or null when the shipped days do not cover it.</summary>
    public Abstractions.Calendars.LoadHolidayCalendar? SeedOf(int year)
    {
        var holidays = Holidays.Where(d => d.Year == year).Order().ToList();
        var workingDays = WorkingDays.Where(d => d.Year == year).Order().ToList();
        return holidays.Count + workingDays.Count == 0 ? null : new(year, Reference, holidays, workingDays);
    }

    /// <summary>The years the shipped days cover.</summary>
    public IEnumerable<int> SeededYears => Holidays.Concat(WorkingDays).Select(d => d.Year).Distinct().Order();

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
