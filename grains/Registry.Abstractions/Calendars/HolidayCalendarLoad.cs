namespace Registry.Abstractions.Calendars;

/// <summary>The outcome of loading a year's calendar: the version in force (<see cref="Created"/> false when the same
/// content was loaded already and nothing new was stored) and how many open divorce applications' provisional
/// deadlines in that year were recomputed.</summary>
[GenerateSerializer, Alias("Registry.Calendars.HolidayCalendarLoad")]
public sealed record HolidayCalendarLoad(
    [property: Id(0)] HolidayCalendarYear Calendar,
    [property: Id(1)] bool Created,
    [property: Id(2)] int Recomputed);
