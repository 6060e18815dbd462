using Registry.Abstractions.Calendars;
using Registry.Abstractions.Grains;

namespace Registry.Grains.Marriages;

/// <summary>Reads the loaded holiday calendars a divorce application's deadlines can fall in: the year it is
/// received in and the next (both periods together last about two months). Thread-safe.</summary>
public sealed class HolidayCalendars(IGrainFactory grains)
{
    public async Task<HolidayCalendar> ForApplicationReceivedOnAsync(DateOnly receivedOn)
    {
        var years = await Task.WhenAll(new[] { receivedOn.Year, receivedOn.Year + 1 }
            .Select(year => grains.Get<IHolidayCalendarGrain>(year).GetAsync()));
        return new HolidayCalendar(years.OfType<HolidayCalendarYear>());
    }
}
