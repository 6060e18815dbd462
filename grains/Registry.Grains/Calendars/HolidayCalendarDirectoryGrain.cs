using Registry.Abstractions.Calendars;
using Registry.Grains.Storage;

namespace Registry.Grains.Calendars;

/// <summary>The directory of loaded calendars; see <see cref="IHolidayCalendarDirectoryGrain"/>.</summary>
[GrainType(StorageNames.HolidayCalendarDirectory)]
public sealed class HolidayCalendarDirectoryGrain(
    [PersistentState(StorageNames.HolidayCalendarDirectory, StorageNames.Provider)]
    IPersistentState<HolidayCalendarDirectoryState> state) : Grain, IHolidayCalendarDirectoryGrain
{
    public async Task RecordAsync(HolidayCalendarYear calendar)
    {
        var years = state.State.Years;
        if (years.FirstOrDefault(y => y.Year == calendar.Year) is { } known && known.Version >= calendar.Version)
        {
            return;
        }

        years.RemoveAll(y => y.Year == calendar.Year);
        years.Add(calendar);
        years.Sort((x, y) => x.Year.CompareTo(y.Year));
        await state.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<HolidayCalendarYear>> ListAsync() =>
        Task.FromResult<IReadOnlyList<HolidayCalendarYear>>([.. state.State.Years]);
}
