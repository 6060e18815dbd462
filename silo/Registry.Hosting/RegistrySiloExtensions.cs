using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Registry.Abstractions.Health;
using Registry.Abstractions.Time;
using Registry.Grains;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;
using Registry.Hosting.Clustering;
using Registry.Hosting.Configuration;
using Registry.Hosting.Divisions;
using Registry.Hosting.Marriages;
using Registry.Hosting.Organizations;
using Registry.Hosting.Persons;
using Registry.Hosting.Places;
using Registry.Hosting.Publishing;
using Registry.Hosting.Spatial;
using Registry.Grains.Persons;
using Registry.Storage;
using Registry.Storage.AzureTable;
using Registry.Storage.PostgreSql;
using Registry.Storage.Sqlite;

namespace Registry.Hosting;

/// <summary>Everything a Registry silo needs, shared by the stand-alone silo and the API's embedded silo.</summary>
public static class RegistrySiloExtensions
{
    public static ISiloBuilder AddRegistrySilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = RegistryOptions.From(configuration);
        return silo.AddRegistryClustering(options, configuration).AddRegistryRuntime(options);
    }

    /// <summary>Storage, seeding and services of the Registry's grains, without clustering (test clusters bring
    /// their own).</summary>
    public static ISiloBuilder AddRegistryRuntime(this ISiloBuilder silo, RegistryOptions options)
    {
        silo.Services.AddRegistryStorageBackend(options);
        silo.Services.AddRegistrySiloServices(options);
        silo.Services.AddRegistryBoundaries(options);
        silo.AddRegistryGrainStorage(options);
        silo.AddRegistryReminders(options);
        silo.Services.AddRegistryOutbox(options);

        if (options.Seed.Divisions)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DivisionSeedingParticipant>();
        }

        // The names in force of the township list go in with the divisions (on Azure Table storage by key through the
        // provider); the index partitions build them from the records.
        if (options.Seed.PlaceNames)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Places.PlaceNameSeedingParticipant>();
        }

        return silo;
    }

    /// <summary>
    /// The grain-storage provider: the Registry's own over SQLite or PostgreSQL, the official Orleans Azure Table
    /// provider (Microsoft.Orleans.Persistence.AzureStorage) for <c>AzureTable</c>, storing the same JSON, with the
    /// outbox's rows written ahead of its writes (<see cref="AzureTableGrainStorageExtensions"/>).
    /// </summary>
    public static ISiloBuilder AddRegistryGrainStorage(this ISiloBuilder silo, RegistryOptions options)
    {
        if (options.Storage.Provider != StorageProvider.AzureTable)
        {
            return silo.AddRegistryGrainStorage(StorageNames.Provider);
        }

        return silo.AddRegistryAzureTableGrainStorage(StorageNames.Provider, options.Storage.ConnectionString!,
            options.Storage.TableName, options.Storage.OutboxTableName);
    }

    /// <summary>
    /// The backend chosen by <c>Registry:Storage:Provider</c>, for the services that read storage outside a grain
    /// (readiness probe, seeding, index rebuilds), and the access log's store (<see cref="IAccessLogStore"/>: the
    /// grain-state store's own table, or an Azure table of its own). With the official Azure provider there is no
    /// <see cref="IGrainStateStore"/>: the probe asks the table service, and every record of a kind is listed by a
    /// query over the provider's table (<see cref="AzureTableStoredRecords"/>).
    /// </summary>
    public static IServiceCollection AddRegistryStorageBackend(this IServiceCollection services,
        RegistryOptions options)
    {
        switch (options.Storage.Provider)
        {
            case StorageProvider.Sqlite:
                services.AddSqliteGrainStateStore(options.DatabasePath);
                services.TryAddSingleton<IAccessLogStore>(sp => sp.GetRequiredService<IGrainStateStore>());
                services.TryAddSingleton<ISeedStore>(sp => sp.GetRequiredService<IGrainStateStore>());
                break;
            case StorageProvider.PostgreSql:
                services.AddPostgreSqlGrainStateStore(options.Storage.ConnectionString!, options.Storage.Schema);
                services.TryAddSingleton<IAccessLogStore>(sp => sp.GetRequiredService<IGrainStateStore>());
                services.TryAddSingleton<ISeedStore>(sp => sp.GetRequiredService<IGrainStateStore>());
                break;
            case StorageProvider.AzureTable:
                var connectionString = options.Storage.ConnectionString!;
                services.TryAddSingleton<IAccessLogStore>(new AzureTableAccessLogStore(
                    new TableServiceClient(connectionString), options.Storage.AccessLogTableName,
                    options.ResolveTimeZone()));
                services.TryAddSingleton<IStorageProbe>(
                    new AzureTableStorageProbe(new TableServiceClient(connectionString), options.Storage.TableName));
                services.TryAddSingleton<IStoredRecords>(sp => new AzureTableStoredRecords(new SharedStateListing(
                    new AzureTableStateListing(new TableServiceClient(connectionString), options.Storage.TableName,
                        sp.GetService<IOptions<ClusterOptions>>()?.Value.ServiceId ?? options.Clustering.ServiceId))));
                // Seeding by key through the provider itself (not its outbox: a seed writes what read models hold).
                services.TryAddSingleton<ISeedStore>(sp => new GrainStorageSeedStore(
                    sp.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(
                        AzureTableGrainStorageExtensions.StatesOf(StorageNames.Provider))));
                break;
        }

        return services;
    }

    /// <summary>
    /// For the silo's commands, which run without a silo: on Azure Table storage the official provider started by
    /// hand (<see cref="AzureTableToolStorage"/>), registered where a silo registers it, so that seeding and imports
    /// write through it by key as the silo's own seeding does. Nothing on the Registry's own stores. Call
    /// <see cref="StartCommandStorageAsync"/> once the host is built.
    /// </summary>
    public static IServiceCollection AddRegistryCommandStorage(this IServiceCollection services,
        RegistryOptions options)
    {
        if (options.Storage.Provider == StorageProvider.AzureTable)
        {
            services.TryAddSingleton(sp => new AzureTableToolStorage(options.Storage.ConnectionString!,
                options.Storage.TableName, options.Clustering.ServiceId,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
            services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(
                AzureTableGrainStorageExtensions.StatesOf(StorageNames.Provider),
                (sp, _) => sp.GetRequiredService<AzureTableToolStorage>().Storage);
        }

        return services.AddRegistryStorageBackend(options);
    }

    /// <summary>Starts what <see cref="AddRegistryCommandStorage"/> registered (the Azure provider's table).</summary>
    public static Task StartCommandStorageAsync(this IServiceProvider services,
        CancellationToken cancellationToken = default) =>
        services.GetService<AzureTableToolStorage>()?.StartAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// The outbox: the state names whose writes add an outbox row (<see cref="ReadModelPublication.StateNames"/>) and
    /// the relay that publishes them, unless <c>Registry:Testing:RelayOutbox</c> turns it off. The Registry's own
    /// backends (SQLite, PostgreSQL) add the row in the write's transaction; on Azure Table, whose official provider
    /// writes each state alone, the row is written just before the state, in a table of its own
    /// (<see cref="AzureTableOutbox"/>). The one-time republication of records stored by earlier builds
    /// (<see cref="Republication"/>) reads every stored record, so it runs on the Registry's own backends only (Azure
    /// deployments began on the official provider, whose records no earlier build of the read models left behind).
    /// </summary>
    public static IServiceCollection AddRegistryOutbox(this IServiceCollection services, RegistryOptions options)
    {
        services.TryAddSingleton(new Outbox(ReadModelPublication.StateNames)
        {
            ReportedStateNames = ReadModelPublication.ReportedStateNames.ToHashSet(StringComparer.Ordinal),
        });
        if (options.Storage.Provider == StorageProvider.AzureTable)
        {
            services.TryAddSingleton<IOutboxStore>(provider => provider.GetRequiredService<AzureTableOutbox>());
        }
        else
        {
            services.TryAddSingleton<IOutboxStore>(provider => provider.GetRequiredService<IGrainStateStore>());
        }

        if (options.Testing.RelayOutbox)
        {
            services.TryAddSingleton<OutboxRelay>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
                provider => provider.GetRequiredService<OutboxRelay>());
        }

        if (options.Storage.Provider != StorageProvider.AzureTable)
        {
            services.TryAddSingleton<Republication>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
                provider => provider.GetRequiredService<Republication>());
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
        services.TryAddSingleton<StorageFaults>();
        services.TryAddSingleton<IStorageProbe, StoreStorageProbe>();
        services.TryAddSingleton<DivisionSeeder>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IBulkPublisher, Registry.Grains.Divisions.DivisionBulkPublisher>());
        services.TryAddSingleton<IStoredRecords, StoredRecords>();
        services.TryAddSingleton<IAccessLog, BatchedAccessLog>();
        services.TryAddSingleton(provider => new ReadModelPublication
        {
            Inline = options.Testing.PublishInline,
            // What a grain published itself, so the outbox relay does not ask it again (none without an outbox).
            Published = provider.GetService<Outbox>() is { } outbox
                ? (stateName, grainId) => outbox.Published(new GrainStateKey(stateName, grainId))
                : null,
        });
        services.AddRegistryMarriages();
        services.AddOrganizations(options.Organizations);
        services.AddPlaceNames(options.PlaceNameIndex);
        return services;
    }
}
