using Microsoft.Extensions.DependencyInjection;
using Registry.Abstractions.Health;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Hosting;

[Collection(RegistryClusterCollection.Name)]
public sealed class RegistryRuntimeTests(RegistryClusterFixture fixture)
{
    [Fact]
    public void EmbeddedRuntime_KeepsRemindersInTheSqliteDatabase()
    {
        var services = fixture.Cluster.Silos[0].ServiceProvider;

        Assert.IsType<SqliteReminderTable>(services.GetRequiredService<IReminderTable>());
        Assert.Equal(fixture.DatabasePath, services.GetRequiredService<SqliteGrainStateStore>().DatabasePath);
    }

    [Fact]
    public async Task HealthGrain_ReportsTheStorageBackendThatAnswered()
    {
        Assert.Equal("sqlite", await fixture.Grains.GetGrain<IHealthGrain>(0).CheckStorageAsync());
    }
}
