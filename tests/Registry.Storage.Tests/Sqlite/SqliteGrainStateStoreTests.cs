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

    [Fact]
    public async Task AccessLog_RowsCannotBeChangedOrRemoved()
    {
        var store = await OpenAsync();
        await store.AppendAccessLogAsync([AccessLogLoad.Entry(0)], Ct);

        Assert.Throws<SqliteException>(() => QueryScalar("UPDATE access_log SET actor = 'someone else';"));
        Assert.Throws<SqliteException>(() => QueryScalar("DELETE FROM access_log;"));
        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM access_log;"));
    }

    [Fact]
    public async Task AccessLog_100000Entries_TakeUnder50MB()
    {
        var store = await OpenAsync();

        await AccessLogLoad.AppendAsync(store, Ct);
        await CloseAsync(store); // closing checkpoints the WAL into the database file

        var files = Directory.GetFiles(Path.GetDirectoryName(DatabasePath(Scope))!, Scope + ".db*");
        var bytes = files.Sum(file => new FileInfo(file).Length);
        Assert.Equal((long)AccessLogLoad.Count, QueryScalar("SELECT COUNT(*) FROM access_log;"));
        TestContext.Current.SendDiagnosticMessage(
            $"SQLite database with {AccessLogLoad.Count:N0} access-log entries: {bytes / 1_048_576.0:F1} MiB");
        Assert.InRange(bytes, 1, AccessLogLoad.MaximumBytes);
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
