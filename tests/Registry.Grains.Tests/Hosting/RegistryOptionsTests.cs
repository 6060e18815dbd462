using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Registry.Hosting;
using Registry.Hosting.Clustering;
using Registry.Hosting.Configuration;
using Registry.Storage;
using Registry.Storage.PostgreSql;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Hosting;

/// <summary>Configuration is checked when the host starts, with messages that say what to set.</summary>
public sealed class RegistryOptionsTests
{
    private const string PostgreSqlConnection = "Host=127.0.0.1;Port=5432;Database=registry;Username=registry";
    private const string AzureConnection =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public void From_Defaults_AreOneSiloOnSqlite()
    {
        var options = RegistryOptions.From(Configuration());

        Assert.Equal(StorageProvider.Sqlite, options.Storage.Provider);
        Assert.Equal(ClusteringProvider.Localhost, options.Clustering.Provider);
    }

    [Theory]
    [InlineData("PostgreSql", "PostgreSql but ConnectionStrings:registry is empty")]
    [InlineData("AzureTable", "AzureTable but ConnectionStrings:registry is empty")]
    public void From_SharedStorageWithoutConnectionString_SaysWhatToSet(string provider, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RegistryOptions.From(Configuration(("Registry:Storage:Provider", provider))));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void From_RedisWithoutConnectionString_SaysWhatToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RegistryOptions.From(Configuration(
            ("Registry:Clustering:Provider", "Redis"),
            ("Registry:Storage:Provider", "PostgreSql"), ("ConnectionStrings:registry", PostgreSqlConnection))));

        Assert.Contains("ConnectionStrings:redis is empty", error.Message);
    }

    [Fact]
    public void From_RedisClusterOfSqliteSilos_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RegistryOptions.From(Configuration(
            ("Registry:Clustering:Provider", "Redis"), ("ConnectionStrings:redis", "127.0.0.1:6379"))));

        Assert.Contains("must share their storage", error.Message);
    }

    /// <summary>One silo finds every grain in its own directory, so its cache of grain addresses is kept small (the
    /// grains called often stay in it); a cluster keeps Orleans' default unless the setting names a size.</summary>
    [Theory]
    [InlineData("Localhost", null, RegistryClusteringOptions.OneSiloDirectoryCacheSize)]
    [InlineData("Localhost", "5000", 5_000)]
    [InlineData("Redis", null, 1_000_000)]
    [InlineData("Redis", "250000", 250_000)]
    public void AddRegistryClustering_CacheOfGrainAddresses_IsBoundedByProviderOrSetting(string provider,
        string? setting, int expected)
    {
        var settings = new List<(string, string)>
        {
            ("Registry:Clustering:Provider", provider), ("Registry:Storage:Provider", "PostgreSql"),
            ("ConnectionStrings:registry", PostgreSqlConnection), ("ConnectionStrings:redis", "127.0.0.1:6379"),
        };
        if (setting is not null)
        {
            settings.Add(("Registry:Clustering:DirectoryCacheSize", setting));
        }

        var configuration = Configuration([.. settings]);
        var host = Host.CreateApplicationBuilder();
        host.UseOrleans(silo => silo.AddRegistryClustering(RegistryOptions.From(configuration), configuration));

        using var services = host.Services.BuildServiceProvider();

        var directory = services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
        Assert.Equal(expected, directory.CacheSize);
        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.LRU, directory.CachingStrategy);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void From_DirectoryCacheSizeBelowOne_SaysWhy(string size)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RegistryOptions.From(Configuration(("Registry:Clustering:DirectoryCacheSize", size))));

        Assert.Contains("Registry:Clustering:DirectoryCacheSize", error.Message);
        Assert.Contains("at least one grain address", error.Message);
    }

    [Fact]
    public void From_ApiClientOfARedisCluster_NeedsNoStorageSettings()
    {
        var options = RegistryOptions.From(Configuration(
            ("Registry:Hosting", "Client"), ("Registry:Clustering:Provider", "Redis"),
            ("Registry:Storage:Provider", "PostgreSql"), ("ConnectionStrings:redis", "127.0.0.1:6379")));

        Assert.Equal("127.0.0.1:6379", options.Clustering.RedisConnectionString);
    }

    [Theory]
    [InlineData("Registry:Storage:Provider", "Oracle", "Failed to convert")]
    [InlineData("Registry:Clustering:AdvertisedIPAddress", "localhost", "is not an IP address")]
    [InlineData("Registry:Clustering:Kubernetes", "true", "needs a shared membership table")]
    public void From_UnusableValue_Throws(string key, string value, string message)
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => RegistryOptions.From(Configuration((key, value))));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void From_ConnectionStringKey_IsNotReadFromTheRegistrySection()
    {
        var options = RegistryOptions.From(Configuration(("Registry:Storage:ConnectionString", "Host=elsewhere")));

        Assert.Null(options.Storage.ConnectionString);
    }

    [Theory]
    [InlineData("Sqlite", typeof(SqliteGrainStateStore))]
    [InlineData("PostgreSql", typeof(PostgreSqlGrainStateStore))]
    public void AddRegistryStorageBackend_Provider_RegistersThatStore(string provider, Type storeType)
    {
        var connection = PostgreSqlConnection;
        var options = RegistryOptions.From(Configuration(
            ("Registry:Storage:Provider", provider), ("ConnectionStrings:registry", connection),
            ("Registry:DataDirectory", Path.Combine(Path.GetTempPath(), "registry-options-" + Guid.NewGuid()))));

        using var services = new ServiceCollection().AddRegistryStorageBackend(options).BuildServiceProvider();

        Assert.IsType(storeType, services.GetRequiredService<IGrainStateStore>());
    }

    [Fact]
    public void AddRegistryStorageBackend_AzureTable_RegistersNoStoreButATableProbeAndTableListings()
    {
        var options = RegistryOptions.From(Configuration(
            ("Registry:Storage:Provider", "AzureTable"), ("ConnectionStrings:registry", AzureConnection)));

        using var services = new ServiceCollection().AddRegistryStorageBackend(options).BuildServiceProvider();

        Assert.Null(services.GetService<IGrainStateStore>());
        Assert.IsType<AzureTableStorageProbe>(services.GetRequiredService<Registry.Abstractions.Health.IStorageProbe>());
        Assert.IsType<AzureTableStoredRecords>(services.GetRequiredService<Registry.Grains.Storage.IStoredRecords>());
    }

    [Theory]
    [InlineData("Sqlite", "true", true)]
    [InlineData("PostgreSql", "true", true)]
    [InlineData("Sqlite", "false", false)]
    [InlineData("AzureTable", "true", true)]
    [InlineData("AzureTable", "false", false)]
    public void AddRegistryOutbox_Provider_RegistersTheOutboxAndItsRelayUnlessTurnedOff(string provider,
        string relayOutbox, bool relay)
    {
        var options = RegistryOptions.From(Configuration(
            ("Registry:Storage:Provider", provider), ("Registry:Testing:RelayOutbox", relayOutbox),
            ("ConnectionStrings:registry", provider == "AzureTable" ? AzureConnection : PostgreSqlConnection)));

        var services = new ServiceCollection().AddRegistryOutbox(options);

        Assert.Equal(relay, services.Any(d => d.ServiceType == typeof(Registry.Hosting.Publishing.OutboxRelay)));
        Assert.Contains(services, d => d.ServiceType == typeof(IOutboxStore));
        using var built = services.BuildServiceProvider();
        Assert.Equal([.. Registry.Grains.Publishing.ReadModelPublication.StateNames.Order()],
            built.GetRequiredService<Outbox>().StateNames.Order().ToList());
    }
}
