using Microsoft.Extensions.DependencyInjection;

namespace Registry.Storage.AzureTable;

/// <summary>Registers <see cref="AzureTableGrainStateStore"/> as the Registry's grain-state backend.</summary>
public static class AzureTableGrainStateStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="AzureTableGrainStateStore"/> as the singleton <see cref="IGrainStateStore"/> (also
    /// resolvable as itself). The table is created when the silo starts the grain-storage provider.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="connectionString">The storage account's connection string.</param>
    /// <param name="serviceId">The Orleans service id (part of every PartitionKey).</param>
    /// <param name="tableName">The table holding states and history.</param>
    public static IServiceCollection AddAzureTableGrainStateStore(this IServiceCollection services,
        string connectionString, string serviceId, string tableName = AzureTableGrainStateStore.DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(_ => new AzureTableGrainStateStore(connectionString, serviceId, tableName));
        services.AddSingleton<IGrainStateStore>(provider => provider.GetRequiredService<AzureTableGrainStateStore>());
        return services;
    }
}
