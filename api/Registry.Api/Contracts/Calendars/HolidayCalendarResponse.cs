using Registry.Abstractions.Calendars;

namespace Registry.Api.Contracts.Calendars;

/// <summary>One version of a year's holiday calendar: its number within the year (1 first), the notice, the days,
/// and when and by whom it was loaded.</summary>
public sealed record HolidayCalendarResponse(
    int Year,
    int Version,
    string Reference,
    IReadOnlyList<DateOnly> Holidays,
    IReadOnlyList<DateOnly> WorkingDays,
    DateTimeOffset LoadedAt,
    string LoadedBy)
{
    public static HolidayCalendarResponse From(HolidayCalendarYear c) =>
        new(c.Year, c.Version, c.Reference, c.Holidays, c.WorkingDays, c.LoadedAt, c.LoadedBy);
}
