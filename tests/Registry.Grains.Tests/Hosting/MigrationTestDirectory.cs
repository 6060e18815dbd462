using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Hosting;

/// <summary>A test of a <c>migrate-storage</c> step: a real SQLite file in a directory of its own, deleted after the
/// test.</summary>
public abstract class MigrationTestDirectory : IDisposable
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-migration", Guid.NewGuid().ToString("N"));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The database file of the test's directory.</summary>
    protected string DatabasePath => Path.Combine(directory, "registry.db");

    /// <summary>A store over <see cref="DatabasePath"/>, its schema in place.</summary>
    protected async Task<SqliteGrainStateStore> OpenStoreAsync()
    {
        var store = new SqliteGrainStateStore(DatabasePath);
        await store.InitializeAsync(Ct);
        return store;
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
