using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Grains.Divisions;
using Registry.Hosting.Divisions;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Divisions;

/// <summary>The division seeder's part of the directory, on a real SQLite file: the parts it writes on a first start,
/// and the parts it builds once in a data directory seeded before the directory kept its own.</summary>
public sealed class DivisionSeederDirectoryTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-dirseed-" + Guid.NewGuid().ToString("N"));

    private static int ShippedCodes() => ShippedEditions.All()
        .SelectMany(e => DivisionEdition.Read(e.CutOff, e.Directory).Rows.Keys)
        .Distinct(StringComparer.Ordinal).Count();

    [Fact]
    public async Task SeedAsync_FirstStart_PutsEveryShippedDivisionInItsPart()
    {
        using var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));

        await new DivisionSeeder(store, NullLogger<DivisionSeeder>.Instance).SeedAsync(Ct);

        var codes = await new DivisionDirectoryImport(store).CodesAsync(Ct);
        Assert.Equal(ShippedCodes(), codes.Count);
        Assert.Contains("110101", codes);
        Assert.NotNull(await store.ReadAsync(DivisionDirectoryImport.PartKey("1101"), Ct));
    }

    [Fact]
    public async Task SeedAsync_RegistrySeededBeforeTheDirectoryKeptParts_BuildsThemOnceFromTheRecords()
    {
        using var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        var seeder = new DivisionSeeder(store, NullLogger<DivisionSeeder>.Instance);
        var import = new DivisionDirectoryImport(store);
        await seeder.SeedAsync(Ct);
        var seeded = await import.CodesAsync(Ct);
        await ForgetTheDirectoryAsync(store);
        var forgotten = await import.CodesAsync(Ct);

        await seeder.SeedAsync(Ct);
        var built = await import.CodesAsync(Ct);
        var part = await store.ReadAsync(DivisionDirectoryImport.PartKey("5001"), Ct);
        var marker = await store.ReadAsync(DivisionSeeder.MarkerKey, Ct);
        await seeder.SeedAsync(Ct);

        Assert.Empty(forgotten);
        Assert.Equal(seeded.Order(StringComparer.Ordinal), built.Order(StringComparer.Ordinal));
        // Once: the next start writes neither the parts nor the marker.
        Assert.Equal(part!.ETag, (await store.ReadAsync(DivisionDirectoryImport.PartKey("5001"), Ct))!.ETag);
        Assert.Equal(marker!.ETag, (await store.ReadAsync(DivisionSeeder.MarkerKey, Ct))!.ETag);
    }

    /// <summary>Two silos of a cluster seeding one store at once (its first start) each put their divisions into
    /// the same parts: what the other wrote between a part's read and its write is kept, not overwritten.</summary>
    [Fact]
    public async Task PutAsync_TwoSeedersAtOnce_KeepEveryDivisionOfBoth()
    {
        using var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        await store.InitializeAsync(Ct);
        var states = new Dictionary<string, DivisionState>(StringComparer.Ordinal);
        foreach (var (cutOff, lists) in ShippedEditions.All())
        {
            DivisionEdition.Read(cutOff, lists).ApplyTo(states);
        }

        var all = states.Values.OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        var halves = all.Select((state, i) => (state, i)).GroupBy(x => x.i % 2, x => x.state).ToList();

        await Task.WhenAll(halves.Select(half =>
            Task.Run(() => new DivisionDirectoryImport(store).PutAsync(half.ToList(), Ct), Ct)));

        var codes = await new DivisionDirectoryImport(store).CodesAsync(Ct);
        Assert.Equal(all.Select(s => s.Code), codes.Order(StringComparer.Ordinal));
    }

    /// <summary>As main left a data directory before 2026-12-07: no directory state, a marker without its version.
    /// </summary>
    private static async Task ForgetTheDirectoryAsync(SqliteGrainStateStore store)
    {
        var root = (await store.ReadAsync(DivisionDirectoryImport.RootKey, Ct))!;
        var parts = JsonSerializer.Deserialize<DivisionDirectoryState>(root.StateJson, RegistryJson.StateOptions)!
            .Parts;
        foreach (var part in parts)
        {
            var key = DivisionDirectoryImport.PartKey(part);
            await store.ClearAsync(key, (await store.ReadAsync(key, Ct))!.ETag, Ct);
        }

        await store.ClearAsync(DivisionDirectoryImport.RootKey, root.ETag, Ct);
        var marker = (await store.ReadAsync(DivisionSeeder.MarkerKey, Ct))!;
        var json = JsonNode.Parse(marker.StateJson)!.AsObject();
        Assert.True(json.Remove("directory"));
        await store.WriteAsync(DivisionSeeder.MarkerKey, marker.ETag, json.ToJsonString(), Ct);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
