using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Registry.Storage.AzureTable;

/// <summary>
/// Registers the official Orleans Azure Table provider (Microsoft.Orleans.Persistence.AzureStorage) as the Registry
/// runs it: the Registry's JSON (<see cref="RegistryJsonGrainStorageSerializer"/>), a cleared state deleted, storage
/// that cannot be reached answered as unavailable, and, where the silo has an <see cref="Outbox"/>, its rows written
/// ahead of each covered write (<see cref="OutboxedGrainStorage"/>, <see cref="AzureTableOutbox"/>).
/// </summary>
public static class AzureTableGrainStorageExtensions
{
    /// <summary>Adds the provider under <paramref name="name"/>: grain states in <paramref name="tableName"/>, outbox
    /// rows (when the silo registers an <see cref="Outbox"/>) in <paramref name="outboxTableName"/>.</summary>
    public static ISiloBuilder AddRegistryAzureTableGrainStorage(this ISiloBuilder silo, string name,
        string connectionString, string tableName, string outboxTableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var tables = StatesOf(name);
        silo.AddAzureTableGrainStorage(tables, azure =>
        {
            Configure(azure, connectionString, tableName);
            // Ready before the seeders of reference data write through it (ApplicationServices).
            azure.InitStage = ServiceLifecycleStage.ApplicationServices - 1;
        });
        silo.Services.TryAddSingleton(services => new AzureTableOutbox(new TableServiceClient(connectionString),
            outboxTableName, services.GetService<TimeProvider>()));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<StorageFaults>();
        silo.Services.AddGrainStorage(name, (services, _) => new OutboxedGrainStorage(
            services.GetRequiredKeyedService<IGrainStorage>(tables), services.GetRequiredService<AzureTableOutbox>(),
            services.GetService<Outbox>(), services.GetRequiredService<StorageFaults>(),
            services.GetService<IGrainContextAccessor>()));
        return silo;
    }

    /// <summary>The provider's options as the Registry runs it, in a silo and in the silo's commands
    /// (<see cref="AzureTableToolStorage"/>): the table, a cleared state deleted, the Registry's JSON.</summary>
    internal static void Configure(AzureTableStorageOptions azure, string connectionString, string tableName)
    {
        azure.TableServiceClient = new TableServiceClient(connectionString);
        azure.TableName = tableName;
        azure.DeleteStateOnClear = true;
        azure.GrainStorageSerializer = new RegistryJsonGrainStorageSerializer();
    }

    /// <summary>The name the official provider itself is registered under, behind the outbox of
    /// <paramref name="name"/>: for writes that feed no read model through the outbox (reference-data seeding).
    /// </summary>
    public static string StatesOf(string name) => $"{name}.table";
}
