namespace Registry.Api.Contracts.Calendars;

/// <summary>The loaded calendars: the version in force of each year, by year. A deadline falling in a year not
/// listed is provisional.</summary>
public sealed record HolidayCalendarsResponse(IReadOnlyList<HolidayCalendarResponse> Calendars);
