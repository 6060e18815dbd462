using Registry.Abstractions.Calendars;

namespace Registry.Grains.Calendars;

/// <summary>Stored state of the directory of loaded calendars: the version in force of each year.</summary>
public sealed class HolidayCalendarDirectoryState
{
    public List<HolidayCalendarYear> Years { get; set; } = [];
}
