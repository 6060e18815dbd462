namespace Registry.Abstractions.Calendars;

/// <summary>
/// One version of a year's holiday calendar as loaded: numbered from 1 per year, with the notice it comes from, its
/// days in date order, and when and by whom it was loaded. A newer version of the same year replaces it for every
/// deadline computed afterwards; the older versions stay in the year's history.
/// </summary>
[GenerateSerializer, Alias("Registry.Calendars.HolidayCalendarYear")]
public sealed record HolidayCalendarYear(
    [property: Id(0)] int Year,
    [property: Id(1)] int Version,
    [property: Id(2)] string Reference,
    [property: Id(3)] IReadOnlyList<DateOnly> Holidays,
    [property: Id(4)] IReadOnlyList<DateOnly> WorkingDays,
    [property: Id(5)] DateTimeOffset LoadedAt,
    [property: Id(6)] string LoadedBy)
{
    /// <summary>True when <paramref name="load"/> sets exactly this version's notice and days.</summary>
    public bool Holds(LoadHolidayCalendar load) =>
        load.Year == Year && load.Reference == Reference && load.Holidays.SequenceEqual(Holidays)
        && load.WorkingDays.SequenceEqual(WorkingDays);
}
