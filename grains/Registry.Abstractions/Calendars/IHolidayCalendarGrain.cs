using Orleans.Concurrency;

namespace Registry.Abstractions.Calendars;

/// <summary>
/// One year's holiday calendar and its versions. Key: the year (e.g. 2027). Loading the same content again stores
/// nothing new (idempotent) but still completes the recompute of open applications, so a load cut short is finished
/// by repeating it; different content for the year is stored as the next version, the earlier ones kept.
/// </summary>
[Alias("Registry.Calendars.IHolidayCalendarGrain")]
public interface IHolidayCalendarGrain : IGrainWithIntegerKey
{
    /// <summary>Validates and stores the year's calendar, then recomputes the deadlines of open divorce applications
    /// that were provisional in this year (only ever later).</summary>
    [Alias("LoadAsync")]
    Task<HolidayCalendarLoad> LoadAsync(LoadHolidayCalendar command);

    /// <summary>The version in force, or null when no calendar of this year is loaded. Interleaves with a load:
    /// the marriages a load recomputes read the calendar it has just stored.</summary>
    [AlwaysInterleave]
    [Alias("GetAsync")]
    Task<HolidayCalendarYear?> GetAsync();

    /// <summary>Every version, oldest first.</summary>
    [ReadOnly]
    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<HolidayCalendarYear>> GetHistoryAsync();
}
