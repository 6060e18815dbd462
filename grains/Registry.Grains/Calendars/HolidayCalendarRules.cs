using Registry.Abstractions.Calendars;
using Registry.Abstractions.Errors;

namespace Registry.Grains.Calendars;

/// <summary>
/// What makes a year's holiday calendar loadable: a year the registry counts deadlines in, the notice named, at least
/// one holiday, every day inside the year and listed once, no day both a holiday and a working day, and only
/// Saturdays and Sundays as working days (the days worked instead of a weekday given off). Pure.
/// </summary>
public static class HolidayCalendarRules
{
    public const int FirstYear = 1950;
    public const int LastYear = 2200;
    public const int MaxReferenceLength = 200;

    /// <summary>The calendar checked and put in order (days sorted, the notice trimmed); throws <c>Invalid</c>
    /// naming the rule and the field otherwise.</summary>
    public static LoadHolidayCalendar Check(LoadHolidayCalendar command)
    {
        if (command.Year is < FirstYear or > LastYear)
        {
            throw DomainException.Invalid("calendar-year", "year",
                $"A calendar's year is between {FirstYear} and {LastYear}.");
        }

        var reference = command.Reference?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            throw DomainException.Invalid("field-required", "reference",
                "'reference' names the State Council's notice the calendar comes from.");
        }

        if (reference.Length > MaxReferenceLength)
        {
            throw DomainException.Invalid("field-too-long", "reference",
                $"'reference' is at most {MaxReferenceLength} characters.");
        }

        var holidays = Days(command.Holidays, command.Year, "holidays");
        var workingDays = Days(command.WorkingDays, command.Year, "workingDays");
        if (holidays.Count == 0)
        {
            throw DomainException.Invalid("calendar-without-holidays", "holidays",
                "A year's notice sets at least one public holiday.");
        }

        if (holidays.Intersect(workingDays).FirstOrDefault() is var both && both != default)
        {
            throw DomainException.Invalid("calendar-day-both", "workingDays",
                $"{both:yyyy-MM-dd} is listed both as a holiday and as a working day.");
        }

        if (workingDays.FirstOrDefault(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) is var weekday
            && weekday != default)
        {
            throw DomainException.Invalid("calendar-working-day-not-weekend", "workingDays",
                $"{weekday:yyyy-MM-dd} is a {weekday.DayOfWeek}: only Saturdays and Sundays are listed as working " +
                "days (weekdays are working days anyway).");
        }

        return new LoadHolidayCalendar(command.Year, reference, holidays, workingDays);
    }

    private static List<DateOnly> Days(IReadOnlyList<DateOnly>? days, int year, string field)
    {
        var list = days ?? [];
        if (list.FirstOrDefault(d => d.Year != year) is var outside && outside != default)
        {
            throw DomainException.Invalid("calendar-date-outside-year", field,
                $"{outside:yyyy-MM-dd} is not in {year}: a calendar lists the days of its own year only.");
        }

        if (list.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw DomainException.Invalid("calendar-day-repeated", field,
                $"{repeated.Key:yyyy-MM-dd} is listed twice in '{field}'.");
        }

        return [.. list.Order()];
    }
}
