using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Storage.Tests;

public sealed class RegistryGrainStorageSiloBuilderExtensionsTests
{
    [Fact]
    public void AddRegistryGrainStorage_WithSqliteStore_RegistersNamedProviderAndLifecycleParticipant()
    {
        var builder = new ServiceCollectionSiloBuilder();
        builder.Services.AddSqliteGrainStateStore(Path.Combine(Path.GetTempPath(), "unused", "registry.db"));

        builder.AddRegistryGrainStorage("registry");
        using var services = builder.Services.BuildServiceProvider();

        var storage = Assert.IsType<RegistryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("registry"));
        Assert.Equal("registry", storage.Name);
        Assert.Contains(services.GetServices<ILifecycleParticipant<ISiloLifecycle>>(),
            participant => ReferenceEquals(participant, storage));
        Assert.IsType<SqliteGrainStateStore>(services.GetRequiredService<IGrainStateStore>());
        Assert.Null(services.GetService<IGrainStorage>());
    }

    [Fact]
    public void AddRegistryGrainStorageAsDefault_RegistersDefaultProvider()
    {
        var builder = new ServiceCollectionSiloBuilder();
        builder.Services.AddSqliteGrainStateStore(Path.Combine(Path.GetTempPath(), "unused", "registry.db"));

        builder.AddRegistryGrainStorageAsDefault();
        using var services = builder.Services.BuildServiceProvider();

        var storage = Assert.IsType<RegistryGrainStorage>(
            services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.Same(storage, services.GetRequiredService<IGrainStorage>());
    }

    private sealed class ServiceCollectionSiloBuilder : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
