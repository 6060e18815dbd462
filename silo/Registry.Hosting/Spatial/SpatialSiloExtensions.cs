using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Abstractions.Spatial;
using Registry.Grains.Storage;
using Registry.Hosting.Configuration;

namespace Registry.Hosting.Spatial;

/// <summary>Silo services of the boundaries and spatial feature.</summary>
public static class SpatialSiloExtensions
{
    /// <summary>The one geometry factory (SRID 4326) and geometry seeding.</summary>
    public static IServiceCollection AddRegistryBoundaries(this IServiceCollection services, RegistryOptions options)
    {
        services.TryAddSingleton(Wgs84.Services);
        services.TryAddSingleton(Wgs84.Factory);
        services.TryAddSingleton<GeometrySeeder>();
        if (options.Seed.Geometry)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, GeometrySeedingParticipant>();
        }

        return services;
    }
}
