using Microsoft.Extensions.DependencyInjection;

namespace Registry.Storage.Sqlite;

/// <summary>Registers <see cref="SqliteGrainStateStore"/> as the Registry's grain-state backend.</summary>
public static class SqliteGrainStateStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="SqliteGrainStateStore"/> over <paramref name="databasePath"/> as the singleton
    /// <see cref="IGrainStateStore"/> (also resolvable as itself). The schema is created when the silo starts the
    /// grain-storage provider, or by calling <see cref="ISeedStore.InitializeAsync"/>. A registered
    /// <see cref="Outbox"/> is given to the store.
    /// </summary>
    public static IServiceCollection AddSqliteGrainStateStore(this IServiceCollection services, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        services.AddSingleton(provider =>
            new SqliteGrainStateStore(fullPath, provider.GetService<TimeProvider>(), provider.GetService<Outbox>()));
        services.AddSingleton<IGrainStateStore>(provider => provider.GetRequiredService<SqliteGrainStateStore>());
        return services;
    }
}
