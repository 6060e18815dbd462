using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Registry.Hosting;
using Registry.Hosting.Configuration;

namespace Registry.Grains.Tests;

/// <summary>
/// One in-process silo with the Registry's real runtime: the SQLite grain storage in a temporary directory, the
/// division lists seeded at start, and a controllable clock. Tests take fresh keys; the directory is deleted after.
/// </summary>
public sealed class RegistryClusterFixture : IAsyncLifetime
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-grains-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public string DatabasePath => Path.Combine(directory, "registry.db");

    public async ValueTask InitializeAsync()
    {
        var options = new RegistryOptions { DataDirectory = directory };
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.AddRegistryRuntime(options);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The stored version of the record of <paramref name="grainType"/> keyed <paramref name="key"/>
    /// (0 when none is stored): it grows by one with every write that reaches storage.</summary>
    public async Task<long> StoredVersionAsync(string grainType, string key)
    {
        using var store = new Registry.Storage.Sqlite.SqliteGrainStateStore(DatabasePath);
        var stored = await store.ReadAsync(
            new Registry.Storage.GrainStateKey(grainType, GrainId.Create(grainType, key).ToString()));
        return stored?.Version ?? 0;
    }

    /// <summary>The state of grain <paramref name="key"/> stored under <paramref name="stateName"/> (its grain type
    /// too), read straight from storage as <typeparamref name="T"/>; null when none is stored.</summary>
    public async Task<T?> StoredStateAsync<T>(string stateName, string key) where T : class
    {
        using var store = new Registry.Storage.Sqlite.SqliteGrainStateStore(DatabasePath);
        var stored = await store.ReadAsync(
            new Registry.Storage.GrainStateKey(stateName, GrainId.Create(stateName, key).ToString()));
        return stored is null
            ? null
            : System.Text.Json.JsonSerializer.Deserialize<T>(stored.StateJson, Registry.Storage.RegistryJson.StateOptions);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
