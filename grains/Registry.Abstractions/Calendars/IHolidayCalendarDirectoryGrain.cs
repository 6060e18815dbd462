using Orleans.Concurrency;

namespace Registry.Abstractions.Calendars;

/// <summary>
/// Which years have a holiday calendar loaded, with the version in force of each. Key: 0 (one directory; it is
/// written once per load of a calendar, a few times a year, and read only to list them).
/// </summary>
[Alias("Registry.Calendars.IHolidayCalendarDirectoryGrain")]
public interface IHolidayCalendarDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Records <paramref name="calendar"/> as its year's version in force unless a later version is
    /// recorded already (idempotent).</summary>
    [Alias("RecordAsync")]
    Task RecordAsync(HolidayCalendarYear calendar);

    /// <summary>The version in force of every loaded year, by year.</summary>
    [ReadOnly]
    [Alias("ListAsync")]
    Task<IReadOnlyList<HolidayCalendarYear>> ListAsync();
}
