using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Hosting;

/// <summary>The scratch of a test of a <c>migrate-storage</c> step on SQLite: a real database file in a directory of
/// its own, deleted on dispose with the stores opened over it.</summary>
public sealed class MigrationTestDirectory : IDisposable
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-migration", Guid.NewGuid().ToString("N"));

    private readonly List<SqliteGrainStateStore> stores = [];

    /// <summary>A store over the directory's database file, its schema in place.</summary>
    public async Task<SqliteGrainStateStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        stores.Add(store);
        await store.InitializeAsync(cancellationToken);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
