using Microsoft.Data.Sqlite;
using Registry.Storage.Sqlite;

namespace Registry.Storage.Tests.Sqlite;

/// <summary>The conformance suite against a real SQLite file in a temporary directory, plus SQLite specifics.</summary>
public sealed class SqliteGrainStateStoreTests : GrainStateStoreConformance
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-storage-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IGrainStateStore> CreateStoreAsync(string scope, Outbox? outbox = null) =>
        Task.FromResult<IGrainStateStore>(new SqliteGrainStateStore(DatabasePath(scope), outbox: outbox));

    protected override ValueTask CleanupAsync()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private string DatabasePath(string scope) => Path.Combine(directory, "nested", scope + ".db");

    [Fact]
    public async Task InitializeAsync_NewPath_CreatesDirectoryAndWalDatabase()
    {
        await OpenAsync();

        Assert.True(File.Exists(DatabasePath(Scope)));
        Assert.Equal("wal", QueryScalar("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.Migrations.Count, QueryScalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(0L, QueryScalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'grain_history';"));
    }

    [Fact]
    public async Task Operations_AfterDispose_ThrowObjectDisposed()
    {
        var store = await OpenAsync();
        await CloseAsync(store);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadAsync(Key("a"), Ct));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_Throws()
    {
        var store = await OpenAsync();
        QueryScalar("INSERT INTO schema_version (version, applied_at) VALUES (99, 'future');");

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));
    }

    private object? QueryScalar(string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath(Scope),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
