using Npgsql;
using Registry.Storage.PostgreSql;
using Registry.Storage.Tests.Servers;

namespace Registry.Storage.Tests.PostgreSql;

/// <summary>
/// <c>migrate-storage</c> on a real PostgreSQL schema laid out as the previous build wrote it: its released migration
/// 1 (state as JSONB and the append-only history copy), with rows as its writes left them.
/// </summary>
public sealed class PostgreSqlHistoryRetirementTests(PostgreSqlServer server)
    : IClassFixture<PostgreSqlServer>, IAsyncLifetime
{
    private readonly string scope = "m" + Guid.NewGuid().ToString("N");
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-storage-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ArchivePath => Path.Combine(directory, "history.jsonl.gz");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {scope} CASCADE;");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task InitializeAsync_SchemaWithAHistoryCopy_IsRefusedAndNamesTheCommand()
    {
        await CreateOldSchemaAsync();
        await using var store = new PostgreSqlGrainStateStore(server.ConnectionString(), scope);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        Assert.Contains("migrate-storage", error.Message);
        Assert.Equal(6L, await ScalarAsync($"SELECT COUNT(*) FROM {scope}.grain_history;"));
    }

    [Fact]
    public async Task RetireAsync_OldSchema_ArchivesEveryHistoryRowKeepsEveryStateAndDropsTheCopy()
    {
        var history = await CreateOldSchemaAsync();
        var states = await StatesAsync();

        var report = await PostgreSqlHistoryRetirement.RetireAsync(server.ConnectionString(), scope, ArchivePath, Ct);

        Assert.Equal((2L, 6L, false), (report.States, report.HistoryRows, report.AlreadyRetired));
        var archived = new List<HistoryArchive.Row>();
        await foreach (var row in HistoryArchive.ReadAsync(ArchivePath, Ct))
        {
            archived.Add(row);
        }

        Assert.Equal(history, archived);
        Assert.Equal(states, await StatesAsync());
        Assert.Null(await ScalarAsync($"SELECT to_regclass('{scope}.grain_history')::text;"));
        Assert.Equal(new PostgreSqlSchema(scope).Migrations.Count,
            await ScalarAsync($"SELECT MAX(version) FROM {scope}.schema_version;"));

        await using var store = new PostgreSqlGrainStateStore(server.ConnectionString(), scope);
        await store.InitializeAsync(Ct);
        var key = new GrainStateKey("place", "place/a");
        await store.WriteAsync(key, "etag-a2", """{"name":"a","v":3}""", Ct);
        Assert.Equal(3, (await store.ReadAsync(key, Ct))?.Version);

        var again = await PostgreSqlHistoryRetirement.RetireAsync(server.ConnectionString(), scope,
            ArchivePath + ".2", Ct);
        Assert.True(again.AlreadyRetired);
    }

    [Fact]
    public async Task RetireAsync_StateThatIsNotTheLastVersion_ChangesNothing()
    {
        await CreateOldSchemaAsync();
        await ExecuteAsync($"UPDATE {scope}.grain_state SET state = '{{\"name\":\"tampered\"}}' WHERE grain_id = 'place/b';");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PostgreSqlHistoryRetirement.RetireAsync(server.ConnectionString(), scope, ArchivePath, Ct));

        Assert.Contains("place/b", error.Message);
        Assert.False(File.Exists(ArchivePath));
        Assert.Equal(6L, await ScalarAsync($"SELECT COUNT(*) FROM {scope}.grain_history;"));
    }

    private async Task<List<HistoryArchive.Row>> CreateOldSchemaAsync()
    {
        var schema = new PostgreSqlSchema(scope);
        await ExecuteAsync(schema.CreateSchemaAndVersionTable);
        await ExecuteAsync(schema.Migrations[0]);
        await ExecuteAsync($"INSERT INTO {scope}.schema_version VALUES (1, now());");
        var t = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
        // JSON as jsonb gives it back (a space after ':' and ','), so the archive compares exactly.
        List<HistoryArchive.Row> rows =
        [
            new("place", "place/a", 1, "etag-a1", "register", "registrar-li", "new name", t, """{"v": 1, "name": "a"}"""),
            new("place", "place/b", 1, "etag-b1", "seed", "system", "GeoNames", t.AddMinutes(1), """{"name": "b"}"""),
            new("place", "place/a", 2, "etag-a2", "rename", "registrar-wang", null, t.AddMinutes(2), """{"v": 2, "name": "a"}"""),
            new("place", "place/c", 1, "etag-c1", "write", "system", null, t.AddMinutes(3), """{"name": "c"}"""),
            new("place", "place/c", 2, "etag-c2", "write", "system", null, t.AddMinutes(4), """{"name": "c2"}"""),
            new("place", "place/c", 3, null, "abolish", "registrar-li", "merged 北京", t.AddMinutes(5), null),
        ];
        foreach (var row in rows)
        {
            await ExecuteAsync($"""
                INSERT INTO {scope}.grain_history
                    (state_name, grain_id, version, etag, operation, actor, reason, recorded_at, state)
                VALUES (@s, @g, @v, @e, @o, @a, @r, @t, @j::jsonb);
                """, ("s", row.StateName), ("g", row.GrainId), ("v", row.Version), ("e", row.ETag),
                ("o", row.Operation), ("a", row.Actor), ("r", row.Reason), ("t", row.RecordedAt),
                ("j", row.StateJson));
        }

        foreach (var row in rows.GroupBy(r => r.GrainId).Select(g => g.Last()).Where(r => r.StateJson is not null))
        {
            await ExecuteAsync($"""
                INSERT INTO {scope}.grain_state (state_name, grain_id, version, etag, state, updated_at)
                VALUES (@s, @g, @v, @e, @j::jsonb, @t);
                """, ("s", row.StateName), ("g", row.GrainId), ("v", row.Version), ("e", row.ETag),
                ("j", row.StateJson), ("t", row.RecordedAt));
        }

        return rows;
    }

    private async Task<List<string>> StatesAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            $"SELECT grain_id || ' ' || version || ' ' || etag || ' ' || state::text FROM {scope}.grain_state ORDER BY 1;",
            connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var states = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            states.Add(reader.GetString(0));
        }

        return states;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync(Ct);
        return result is DBNull ? null : result;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(Ct);
    }
}
