using Microsoft.Extensions.DependencyInjection;

namespace Registry.Storage.PostgreSql;

/// <summary>Registers <see cref="PostgreSqlGrainStateStore"/> as the Registry's grain-state backend.</summary>
public static class PostgreSqlGrainStateStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PostgreSqlGrainStateStore"/> as the singleton <see cref="IGrainStateStore"/> (also
    /// resolvable as itself). The schema is created or upgraded when the silo starts the grain-storage provider.
    /// </summary>
    public static IServiceCollection AddPostgreSqlGrainStateStore(this IServiceCollection services,
        string connectionString, string schema = PostgreSqlGrainStateStore.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(provider =>
            new PostgreSqlGrainStateStore(connectionString, schema, provider.GetService<TimeProvider>(),
                provider.GetService<Outbox>()));
        services.AddSingleton<IGrainStateStore>(provider => provider.GetRequiredService<PostgreSqlGrainStateStore>());
        return services;
    }
}
