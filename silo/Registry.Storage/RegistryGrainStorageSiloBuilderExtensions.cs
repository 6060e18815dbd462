using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;

namespace Registry.Storage;

/// <summary>
/// Registers <see cref="RegistryGrainStorage"/> as an Orleans grain-storage provider. The backend is registered
/// separately as a singleton <see cref="IGrainStateStore"/>, e.g. with
/// <see cref="Sqlite.SqliteGrainStateStoreServiceCollectionExtensions.AddSqliteGrainStateStore"/>.
/// </summary>
public static class RegistryGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds the provider under <paramref name="name"/>, over the registered <see cref="IGrainStateStore"/>.</summary>
    public static ISiloBuilder AddRegistryGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<StorageFaults>();
        builder.Services.AddGrainStorage(name, static (services, providerName) => new RegistryGrainStorage(
            providerName,
            services.GetRequiredService<IGrainStateStore>(),
            services.GetRequiredService<StorageFaults>(),
            services.GetService<IGrainContextAccessor>()));
        return builder;
    }

    /// <summary>Adds the provider as the silo's default grain storage.</summary>
    public static ISiloBuilder AddRegistryGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddRegistryGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
}
