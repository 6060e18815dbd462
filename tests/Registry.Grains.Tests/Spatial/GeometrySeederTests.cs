using Microsoft.Extensions.Logging.Abstractions;
using Registry.Abstractions.Divisions;
using Registry.Grains;
using Registry.Hosting.Divisions;
using Registry.Hosting.Spatial;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Spatial;

public sealed class GeometrySeederTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "registry-seed-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SeedAsync_FreshStore_StoresEveryUsableFeatureAndReportsTheRest()
    {
        using var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        await new DivisionSeeder(store, NullLogger<DivisionSeeder>.Instance)
            .SeedAsync();
        var seeder = new GeometrySeeder(store, TimeProvider.System, NullLogger<GeometrySeeder>.Instance);

        var report = await seeder.SeedAsync(GeometrySeeder.DefaultDirectory);

        var all = ReferenceGeometry.Provinces.Select(f => (f, Layer: DivisionLevel.Province))
            .Concat(ReferenceGeometry.Prefectures.Select(f => (f, Layer: DivisionLevel.Prefecture))).ToList();
        var unknown = all.Where(x => !x.f.Registered).ToList();
        var aboveLayer = all.Where(x => x.f.Registered && x.Layer == DivisionLevel.Prefecture &&
            ReferenceDivisions.Get(x.f.Code).Level == DivisionLevel.Province).ToList();
        var invalid = all.Where(x => x.f.Registered && !x.f.Valid).Except(aboveLayer).ToList();
        Assert.NotNull(report);
        Assert.NotEmpty(invalid);
        Assert.Equal(all.Count - unknown.Count - aboveLayer.Count, report.Stored);
        Assert.Equal(unknown.Select(x => x.f.Code).Order(), report.Rejected.Where(r => r.Rule == "division-unknown")
            .Select(r => r.Code!).Order());
        Assert.Equal(aboveLayer.Select(x => x.f.Code).Order(), report.Rejected
            .Where(r => r.Rule == "division-level-above-layer").Select(r => r.Code!).Order());
        Assert.DoesNotContain(report.Rejected, r => r.Rule == "geometry-invalid");
        foreach (var (feature, _) in invalid)
        {
            var stored = await store.ReadAsync(new GrainStateKey(StorageNames.DivisionGeometry,
                GrainId.Create(StorageNames.DivisionGeometry, feature.Code).ToString()));
            Assert.Contains("repaired with GeometryFixer", stored!.StateJson, StringComparison.Ordinal);
            Assert.Contains("area change", stored.StateJson, StringComparison.Ordinal);
        }

        Assert.Equal(report.Stored, await CountAsync(store, StorageNames.DivisionGeometry));

        var again = await seeder.SeedAsync(GeometrySeeder.DefaultDirectory);

        Assert.True(again!.AlreadySeeded);
        Assert.Equal(report.Stored, await CountAsync(store, StorageNames.DivisionGeometry));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> CountAsync(IGrainStateStore store, string stateName)
    {
        var count = 0;
        await foreach (var _ in store.ListKeysAsync(stateName))
        {
            count++;
        }

        return count;
    }
}
