using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Registry.Grains;
using Registry.Grains.Organizations;

namespace Registry.Hosting.Organizations;

/// <summary>Silo services of the social-organization registry.</summary>
public static class OrganizationServiceCollectionExtensions
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services, OrganizationOptions options)
    {
        services.TryAddSingleton(new FilingWindowPolicy(options));
        services.TryAddSingleton(options.Charity);
        services.TryAddKeyedSingleton(StorageNames.OrganizationIndexGrainType, options.Index);
        services.TryAddSingleton<LocalOrganizationPartitions>();
        services.TryAddSingleton<OrganizationIndexPublisher>();
        services.TryAddSingleton<WarmupLane>();
        if (options.LoadIndexAtStart)
        {
            services.TryAddSingleton<OrganizationIndexWarmup>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
                provider => provider.GetRequiredService<OrganizationIndexWarmup>());
        }

        return services;
    }
}
