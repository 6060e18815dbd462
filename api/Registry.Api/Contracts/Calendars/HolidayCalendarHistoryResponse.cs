namespace Registry.Api.Contracts.Calendars;

/// <summary>Every version of a year's calendar, oldest first; the last is in force.</summary>
public sealed record HolidayCalendarHistoryResponse(int Year, IReadOnlyList<HolidayCalendarResponse> Versions);
