using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Grains.Marriages;
using Registry.Grains.Publishing;

namespace Registry.Hosting.Marriages;

/// <summary>Silo services of the marriage registry.</summary>
public static class MarriageHosting
{
    /// <summary>The shipped holiday calendar bound from <c>Registry:Calendar</c> (the seed of the years it covers,
    /// loaded through their calendar grains), validated when the host starts.</summary>
    public static IServiceCollection AddRegistryMarriages(this IServiceCollection services)
    {
        services.AddOptions<HolidayCalendarOptions>()
            .BindConfiguration(HolidayCalendarOptions.Section)
            .Validate(options => !options.Problems().Any(),
                $"{HolidayCalendarOptions.Section} is inconsistent: a date is both a holiday and a working day, or a " +
                "working day is not a Saturday or Sunday.")
            .ValidateOnStart();
        services.AddOptions<MarriageOfficeOptions>()
            .BindConfiguration(MarriageOfficeOptions.Section)
            .Validate(options => !options.Problems().Any(),
                $"{MarriageOfficeOptions.Section}:DesignatedOffices lists an entry that is not a 6-digit division code.")
            .ValidateOnStart();
        services.TryAddSingleton<HolidayCalendars>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, HolidayCalendarSeedingParticipant>();
        services.TryAddSingleton<RecordedProvinces>();
        services.AddSingleton<IBulkPublisher, MarriageBulkPublisher>();
        return services;
    }
}
