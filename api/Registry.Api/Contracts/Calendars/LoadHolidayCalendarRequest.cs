namespace Registry.Api.Contracts.Calendars;

/// <summary>
/// A year's holiday calendar as the State Council's notice for that year sets it: <c>reference</c> names the notice
/// (title or number, and date); <c>holidays</c> are the rest days of the public holidays (weekdays given off
/// included); <c>workingDays</c> the Saturdays and Sundays worked instead (调休上班日). Dates are YYYY-MM-DD, all in
/// <c>year</c>.
/// </summary>
public sealed record LoadHolidayCalendarRequest(
    int? Year,
    string? Reference,
    IReadOnlyList<DateOnly>? Holidays,
    IReadOnlyList<DateOnly>? WorkingDays);
