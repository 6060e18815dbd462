using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Registry.Abstractions.Calendars;
using Registry.Grains.Marriages;

namespace Registry.Hosting.Marriages;

/// <summary>
/// Activates, once the silo is active, the calendar grain of every year the shipped calendar covers: a grain with
/// nothing stored loads its year from the shipped configuration (see <c>HolidayCalendarGrain</c>), so the shipped
/// calendar is listed as loaded from the start, not only once a deadline first reads it. Loading the same content
/// again stores nothing, so every silo may do it.
/// </summary>
public sealed class HolidayCalendarSeedingParticipant(
    IOptions<HolidayCalendarOptions> shipped,
    IGrainFactory grains,
    ILogger<HolidayCalendarSeedingParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<HolidayCalendarSeedingParticipant>(ServiceLifecycleStage.Active, async _ =>
        {
            foreach (var year in shipped.Value.SeededYears)
            {
                try
                {
                    await grains.GetGrain<IHolidayCalendarGrain>(year).GetAsync();
                }
                catch (Exception error)
                {
                    // Not fatal to the silo: the grain seeds itself whenever it is first read.
                    logger.LogWarning(error, "Could not seed the shipped holiday calendar of {Year}", year);
                }
            }
        });
}
