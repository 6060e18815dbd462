using Microsoft.Data.Sqlite;
using Registry.Storage.Sqlite;

namespace Registry.Storage.Tests.Sqlite;

/// <summary>
/// <c>migrate-storage</c> on a real SQLite file laid out as the previous build wrote it: its released migrations 1
/// and 2 (state, the history copy and reminders), with rows as its writes left them (each version in the history,
/// the current one also in <c>grain_state</c>; a clearing as a history row with no state).
/// </summary>
public sealed class SqliteHistoryRetirementTests : IDisposable
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-storage-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(directory, "registry.db");

    private string ArchivePath => Path.Combine(directory, "archive", "history.jsonl.gz");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task InitializeAsync_DatabaseWithAHistoryCopy_IsRefusedAndNamesTheCommand()
    {
        CreateOldDatabase();
        using var store = new SqliteGrainStateStore(DatabasePath);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        Assert.Contains("migrate-storage", error.Message);
        Assert.Equal(2L, Scalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(6L, Scalar("SELECT COUNT(*) FROM grain_history;"));
    }

    [Fact]
    public async Task RetireAsync_OldDatabase_ArchivesEveryHistoryRowKeepsEveryStateAndDropsTheCopy()
    {
        var history = CreateOldDatabase();
        var states = States();

        var report = await SqliteHistoryRetirement.RetireAsync(DatabasePath, ArchivePath, Ct);

        Assert.Equal((2L, 6L, false), (report.States, report.HistoryRows, report.AlreadyRetired));
        var archived = new List<HistoryArchive.Row>();
        await foreach (var row in HistoryArchive.ReadAsync(ArchivePath, Ct))
        {
            archived.Add(row);
        }

        Assert.Equal(history, archived);
        Assert.Equal((6L, report.ArchiveSha256), await HistoryArchive.VerifyAsync(ArchivePath, Ct));
        Assert.Equal(states, States());
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'grain_history';"));
        Assert.Equal((long)SqliteSchema.Migrations.Count, Scalar("SELECT MAX(version) FROM schema_version;"));

        // The store opens the moved file and carries on from the stored ETags.
        using var store = new SqliteGrainStateStore(DatabasePath);
        await store.InitializeAsync(Ct);
        var key = new GrainStateKey("place", "place/a");
        var stored = await store.ReadAsync(key, Ct);
        Assert.Equal(new StoredGrainState("etag-a2", 2, """{"name":"a","v":2}"""), stored);
        await store.WriteAsync(key, "etag-a2", """{"name":"a","v":3}""", Ct);
        Assert.Equal(3, (await store.ReadAsync(key, Ct))?.Version);
    }

    [Fact]
    public async Task RetireAsync_StateThatIsNotTheLastVersion_ChangesNothing()
    {
        CreateOldDatabase();
        Execute("UPDATE grain_state SET state_json = '{\"name\":\"tampered\"}' WHERE grain_id = 'place/b';");
        var states = States();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SqliteHistoryRetirement.RetireAsync(DatabasePath, ArchivePath, Ct));

        Assert.Contains("place/b", error.Message);
        Assert.False(File.Exists(ArchivePath));
        Assert.Equal(6L, Scalar("SELECT COUNT(*) FROM grain_history;"));
        Assert.Equal(states, States());
    }

    [Fact]
    public async Task RetireAsync_Again_FindsNothingToMove()
    {
        CreateOldDatabase();
        await SqliteHistoryRetirement.RetireAsync(DatabasePath, ArchivePath, Ct);

        var again = await SqliteHistoryRetirement.RetireAsync(DatabasePath, ArchivePath + ".2", Ct);

        Assert.True(again.AlreadyRetired);
        Assert.Equal(2L, again.States);
        Assert.False(File.Exists(ArchivePath + ".2"));
    }

    [Fact]
    public async Task RetireAsync_ExistingArchiveFile_IsNotOverwrittenAndNothingChanges()
    {
        CreateOldDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(ArchivePath)!);
        await File.WriteAllTextAsync(ArchivePath, "keep me", Ct);

        await Assert.ThrowsAsync<IOException>(() => SqliteHistoryRetirement.RetireAsync(DatabasePath, ArchivePath, Ct));

        Assert.Equal("keep me", await File.ReadAllTextAsync(ArchivePath, Ct));
        Assert.Equal(6L, Scalar("SELECT COUNT(*) FROM grain_history;"));
    }

    /// <summary>The previous layout with three records: place/a written twice, place/b seeded, place/c written
    /// twice and cleared. Returns the history rows in the order written.</summary>
    private List<HistoryArchive.Row> CreateOldDatabase()
    {
        Directory.CreateDirectory(directory);
        Execute(SqliteSchema.CreateVersionTable);
        Execute(SqliteSchema.Migrations[0]);
        Execute(SqliteSchema.Migrations[1]);
        Execute("INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.0000000+00:00'), " +
                "(2, '2026-01-01T00:00:00.0000000+00:00');");
        var t = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
        List<HistoryArchive.Row> rows =
        [
            new("place", "place/a", 1, "etag-a1", "register", "registrar-li", "new name", t, """{"name":"a","v":1}"""),
            new("place", "place/b", 1, "etag-b1", "seed", "system", "GeoNames", t.AddMinutes(1), """{"name":"b"}"""),
            new("place", "place/a", 2, "etag-a2", "rename", "registrar-wang", null, t.AddMinutes(2), """{"name":"a","v":2}"""),
            new("place", "place/c", 1, "etag-c1", "write", "system", null, t.AddMinutes(3), """{"name":"c"}"""),
            new("place", "place/c", 2, "etag-c2", "write", "system", null, t.AddMinutes(4), """{"name":"c2"}"""),
            new("place", "place/c", 3, null, "abolish", "registrar-li", "merged 北京", t.AddMinutes(5), null),
        ];
        foreach (var row in rows)
        {
            Execute("""
                INSERT INTO grain_history
                    (state_name, grain_id, version, etag, operation, actor, reason, recorded_at, state_json)
                VALUES ($s, $g, $v, $e, $o, $a, $r, $t, $j);
                """, ("$s", row.StateName), ("$g", row.GrainId), ("$v", row.Version), ("$e", row.ETag),
                ("$o", row.Operation), ("$a", row.Actor), ("$r", row.Reason),
                ("$t", row.RecordedAt.ToString("O")), ("$j", row.StateJson));
        }

        foreach (var row in rows.GroupBy(r => r.GrainId).Select(g => g.Last()).Where(r => r.StateJson is not null))
        {
            Execute("""
                INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at)
                VALUES ($s, $g, $v, $e, $j, $t);
                """, ("$s", row.StateName), ("$g", row.GrainId), ("$v", row.Version), ("$e", row.ETag),
                ("$j", row.StateJson), ("$t", row.RecordedAt.ToString("O")));
        }

        return rows;
    }

    private List<(string, string, long, string, string)> States()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_name, grain_id, version, etag, state_json FROM grain_state ORDER BY 2;";
        using var reader = command.ExecuteReader();
        var states = new List<(string, string, long, string, string)>();
        while (reader.Read())
        {
            states.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetString(4)));
        }

        return states;
    }

    private object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
