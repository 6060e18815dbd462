using Microsoft.Extensions.Options;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Calendars;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Time;
using Registry.Grains.Marriages;
using Registry.Grains.Storage;

namespace Registry.Grains.Calendars;

/// <summary>
/// One year's holiday calendar; see <see cref="IHolidayCalendarGrain"/>. A year the shipped configuration covers is
/// loaded from it through <see cref="LoadAsync"/> when the grain first activates with nothing stored, so the shipped
/// calendar is data like any other and is in force before the first read answers.
/// </summary>
[GrainType(StorageNames.HolidayCalendar)]
public sealed class HolidayCalendarGrain(
    [PersistentState(StorageNames.HolidayCalendar, StorageNames.Provider)]
    IPersistentState<HolidayCalendarState> state,
    IOptions<HolidayCalendarOptions> shipped,
    BureauClock clock,
    IGrainFactory grains) : Grain, IHolidayCalendarGrain
{
    private int Year => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Versions.Count == 0 && shipped.Value.SeedOf(Year) is { } seed)
        {
            // No recompute here: no deadline can have been computed without this year while it was never read.
            await StoreAsync(seed, $"{AuditScope.SystemActor} (shipped configuration)");
        }
    }

    public async Task<HolidayCalendarLoad> LoadAsync(LoadHolidayCalendar command)
    {
        var (current, created) = await StoreAsync(command, AuditScope.Actor);

        // Also when nothing new was stored: a load cut short before the recompute is finished by loading the same
        // calendar again.
        var recomputed = await RecomputeAsync();
        return new HolidayCalendarLoad(current, created, recomputed);
    }

    private async Task<(HolidayCalendarYear Current, bool Created)> StoreAsync(LoadHolidayCalendar command,
        string actor)
    {
        var calendar = HolidayCalendarRules.Check(command with { Year = Year });
        var current = state.State.Versions.LastOrDefault();
        var created = current is null || !current.Holds(calendar);
        if (created)
        {
            current = new HolidayCalendarYear(Year, state.State.Versions.Count + 1, calendar.Reference,
                calendar.Holidays, calendar.WorkingDays, clock.Now, actor);
            state.State.Versions.Add(current);
            await state.WriteOrReloadAsync();
        }

        await grains.Get<IHolidayCalendarDirectoryGrain>(0).RecordAsync(current!);
        return (current!, created);
    }

    public Task<HolidayCalendarYear?> GetAsync() => Task.FromResult(state.State.Versions.LastOrDefault());

    public Task<IReadOnlyList<HolidayCalendarYear>> GetHistoryAsync() =>
        Task.FromResult<IReadOnlyList<HolidayCalendarYear>>([.. state.State.Versions]);

    /// <summary>The marriages listed as provisional in this year, partition by partition: each recomputes and
    /// stores its own applications, then leaves the list.</summary>
    private async Task<int> RecomputeAsync()
    {
        var recomputed = 0;
        foreach (var key in IProvisionalDeadlinesGrain.KeysOf(Year))
        {
            var partition = grains.Get<IProvisionalDeadlinesGrain>(key);
            foreach (var chunk in (await partition.GetAsync()).Chunk(32))
            {
                var counts = await Task.WhenAll(chunk.Select(async id =>
                {
                    var count = await grains.Get<IMarriageGrain>(id).RecomputeDeadlinesAsync(Year);
                    await partition.RemoveAsync(id);
                    return count;
                }));
                recomputed += counts.Sum();
            }
        }

        return recomputed;
    }
}
