using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Registry.Storage.AzureTable;
using Registry.Storage.PostgreSql;
using Registry.Storage.Sqlite;
using Registry.Storage.Tests.Servers;

namespace Registry.Storage.Tests.Providers;

/// <summary>The Registry's provider over a real SQLite file (the embedded default).</summary>
public sealed class SqliteProviderSilo : GrainStorageSilo
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-storage-tests", Guid.NewGuid().ToString("N"));

    protected override void AddStorage(ISiloBuilder silo)
    {
        silo.Services.AddSqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        silo.AddRegistryGrainStorage(ProviderName);
    }

    protected override ValueTask StopBackendAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The Registry's provider over a real PostgreSQL server (a cluster's system of record).</summary>
public sealed class PostgreSqlProviderSilo : GrainStorageSilo
{
    private readonly PostgreSqlServer server = new();

    protected override void AddStorage(ISiloBuilder silo)
    {
        silo.Services.AddPostgreSqlGrainStateStore(server.ConnectionString(), "conformance");
        silo.AddRegistryGrainStorage(ProviderName);
    }

    protected override ValueTask StartBackendAsync() => server.InitializeAsync();

    protected override ValueTask StopBackendAsync() => server.DisposeAsync();
}

/// <summary>The official Orleans Azure Table provider (Microsoft.Orleans.Persistence.AzureStorage) on Azurite,
/// configured as the Registry's silo configures it, its outbox covering the suite's state
/// (<see cref="GrainStorageConformance{TSilo}"/> writes <c>division</c>) so that every write goes through the outbox's
/// row first.</summary>
public sealed class AzureTableProviderSilo : GrainStorageSilo
{
    /// <summary>The state name whose writes add an outbox row here.</summary>
    public const string OutboxedStateName = "division";

    private readonly AzuriteServer azurite = new();

    public string ConnectionString => azurite.ConnectionString;

    /// <summary>Stops Azurite under the running silo (the storage then cannot be reached).</summary>
    public ValueTask StopAzuriteAsync() => azurite.DisposeAsync();

    protected override void AddStorage(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(new Outbox([OutboxedStateName])
        {
            ReportedStateNames = new HashSet<string>([OutboxedStateName], StringComparer.Ordinal),
        });
        silo.AddRegistryAzureTableGrainStorage(ProviderName, azurite.ConnectionString, "RegistryGrainState",
            "RegistryOutbox");
    }

    protected override ValueTask StartBackendAsync() => azurite.InitializeAsync();

    protected override ValueTask StopBackendAsync() => azurite.DisposeAsync();
}

public sealed class SqliteProviderConformanceTests(SqliteProviderSilo silo)
    : GrainStorageConformance<SqliteProviderSilo>(silo);

public sealed class PostgreSqlProviderConformanceTests(PostgreSqlProviderSilo silo)
    : GrainStorageConformance<PostgreSqlProviderSilo>(silo);

public sealed class AzureTableProviderConformanceTests(AzureTableProviderSilo silo)
    : GrainStorageConformance<AzureTableProviderSilo>(silo);
