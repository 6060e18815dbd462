using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Registry.Abstractions.Health;
using Registry.Abstractions.Time;
using Registry.Grains;
using Registry.Hosting.Configuration;
using Registry.Hosting.Divisions;
using Registry.Hosting.Marriages;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Hosting;

/// <summary>Everything a Registry silo needs, shared by the stand-alone silo and the API's embedded silo.</summary>
public static class RegistrySiloExtensions
{
    public static ISiloBuilder AddRegistrySilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = RegistryOptions.From(configuration);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.Clustering.ClusterId;
            cluster.ServiceId = options.Clustering.ServiceId;
        });

        switch (options.Clustering.Provider)
        {
            case ClusteringProvider.Localhost:
                silo.UseLocalhostClustering(options.Clustering.SiloPort, options.Clustering.GatewayPort,
                    serviceId: options.Clustering.ServiceId, clusterId: options.Clustering.ClusterId);
                break;
        }

        return silo.AddRegistryRuntime(options);
    }

    /// <summary>Storage, seeding and services of the Registry's grains, without clustering (test clusters bring
    /// their own).</summary>
    public static ISiloBuilder AddRegistryRuntime(this ISiloBuilder silo, RegistryOptions options)
    {
        silo.Services.AddRegistryStorageBackend(options);
        silo.Services.AddRegistrySiloServices(options);
        silo.AddRegistryGrainStorage(StorageNames.Provider);
        if (options.Clustering.Provider == ClusteringProvider.Localhost && options.Storage.Provider == StorageProvider.Sqlite)
        {
            // One silo: its reminders (deadlines) live beside the grain state, durable across restarts.
            silo.UseSqliteReminderService();
        }

        if (options.Seed.Divisions)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DivisionSeedingParticipant>();
        }

        return silo;
    }

    /// <summary>The backend chosen by <c>Registry:Storage:Provider</c>.</summary>
    public static IServiceCollection AddRegistryStorageBackend(this IServiceCollection services,
        RegistryOptions options)
    {
        switch (options.Storage.Provider)
        {
            case StorageProvider.Sqlite:
                services.AddSqliteGrainStateStore(options.DatabasePath);
                break;
        }

        return services;
    }

    /// <summary>The time source and the bureau's calendar, for silo and API alike.</summary>
    public static IServiceCollection AddRegistryClock(this IServiceCollection services, RegistryOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
            new BureauClock(sp.GetRequiredService<TimeProvider>(), options.ResolveTimeZone()));
        return services;
    }

    /// <summary>Silo-side services the grains and the seeder depend on.</summary>
    public static IServiceCollection AddRegistrySiloServices(this IServiceCollection services,
        RegistryOptions options)
    {
        services.AddRegistryClock(options);
        services.TryAddSingleton<IStorageProbe, StoreStorageProbe>();
        services.TryAddSingleton<DivisionSeeder>();
        services.AddRegistryMarriages();
        return services;
    }
}
