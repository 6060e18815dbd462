using Registry.Abstractions.Calendars;

namespace Registry.Api.Contracts.Calendars;

/// <summary>A load of a year's calendar: the version in force (<c>created</c> false when the same content was loaded
/// already), and how many open divorce applications with deadlines provisional in that year were recomputed (only
/// ever later).</summary>
public sealed record HolidayCalendarLoadResponse(HolidayCalendarResponse Calendar, bool Created, int Recomputed)
{
    public static HolidayCalendarLoadResponse From(HolidayCalendarLoad load) =>
        new(HolidayCalendarResponse.From(load.Calendar), load.Created, load.Recomputed);
}
