using Registry.Abstractions.Calendars;

namespace Registry.Grains.Marriages;

/// <summary>
/// Working days and rest days of the bureau over the years whose calendars are loaded (<see cref="IsLoaded"/>); in a
/// year without one only Saturdays and Sundays are rest days, and a deadline falling there is provisional. Immutable
/// and thread-safe.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> workingDays;
    private readonly bool weekendsAreRestDays;
    private readonly Dictionary<int, string> references;

    /// <summary>A calendar of the days in <paramref name="options"/>; the years they fall in count as loaded.</summary>
    public HolidayCalendar(HolidayCalendarOptions options)
    {
        holidays = [.. options.Holidays];
        workingDays = [.. options.WorkingDays];
        weekendsAreRestDays = options.WeekendsAreRestDays;
        references = options.Holidays.Concat(options.WorkingDays).Select(d => d.Year).Distinct()
            .ToDictionary(year => year, _ => options.Reference);
    }

    /// <summary>A calendar of the loaded <paramref name="years"/> (one version each, the one in force).</summary>
    public HolidayCalendar(IEnumerable<HolidayCalendarYear> years)
    {
        var loaded = years.ToList();
        holidays = [.. loaded.SelectMany(y => y.Holidays)];
        workingDays = [.. loaded.SelectMany(y => y.WorkingDays)];
        weekendsAreRestDays = true;
        references = loaded.ToDictionary(y => y.Year, y => $"{y.Reference} (version {y.Version})");
    }

    /// <summary>True when the State Council's calendar of <paramref name="year"/> is loaded.</summary>
    public bool IsLoaded(int year) => references.ContainsKey(year);

    /// <summary>The notice (and version) of a loaded year.</summary>
    public string ReferenceOf(int year) => references[year];

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
