using Registry.Abstractions.Calendars;

namespace Registry.Grains.Calendars;

/// <summary>Stored state of one year's holiday calendar: every version loaded, oldest first; the last is in
/// force.</summary>
public sealed class HolidayCalendarState
{
    public List<HolidayCalendarYear> Versions { get; set; } = [];
}
