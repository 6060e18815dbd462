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

    /// <summary>How many history rows the record of <paramref name="grainType"/> keyed <paramref name="key"/> has.</summary>
    public async Task<int> HistoryCountAsync(string grainType, string key)
    {
        using var store = new Registry.Storage.Sqlite.SqliteGrainStateStore(DatabasePath);
        var history = await store.ReadHistoryAsync(
            new Registry.Storage.GrainStateKey(grainType, GrainId.Create(grainType, key).ToString()));
        return history.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
