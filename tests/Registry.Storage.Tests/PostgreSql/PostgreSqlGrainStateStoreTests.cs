using Npgsql;
using Registry.Storage.PostgreSql;
using Registry.Storage.Tests.Servers;

namespace Registry.Storage.Tests.PostgreSql;

/// <summary>
/// The conformance suite against a real PostgreSQL server started for this class, one schema per test, plus
/// PostgreSQL specifics.
/// </summary>
public sealed class PostgreSqlGrainStateStoreTests(PostgreSqlServer server)
    : GrainStateStoreConformance, IClassFixture<PostgreSqlServer>
{
    protected override Task<IGrainStateStore> CreateStoreAsync(string scope, Outbox? outbox = null) =>
        Task.FromResult<IGrainStateStore>(new PostgreSqlGrainStateStore(server.ConnectionString(), scope,
            outbox: outbox));

    protected override async Task<string> StoredJsonAsync(string json) =>
        (string)(await QueryScalarAsync("SELECT @json::jsonb::text;", ("json", json)))!;

    protected override async ValueTask CleanupAsync() =>
        await QueryScalarAsync($"DROP SCHEMA IF EXISTS {Scope} CASCADE;");

    [Fact]
    public async Task InitializeAsync_FreshSchema_CreatesTablesAtTheLatestVersion()
    {
        await OpenAsync();

        Assert.Equal(new PostgreSqlSchema(Scope).Migrations.Count,
            await QueryScalarAsync($"SELECT MAX(version) FROM {Scope}.schema_version;"));
        Assert.Null(await QueryScalarAsync($"SELECT to_regclass('{Scope}.grain_history')::text;"));
        Assert.Equal($"{Scope}.outbox", await QueryScalarAsync($"SELECT to_regclass('{Scope}.outbox')::text;"));
        Assert.Equal("jsonb", await QueryScalarAsync(
            "SELECT data_type FROM information_schema.columns " +
            "WHERE table_schema = @schema AND table_name = 'grain_state' AND column_name = 'state';",
            ("schema", Scope)));
    }

    [Fact]
    public async Task Write_StoresStateAsQueryableJsonb()
    {
        var store = await OpenAsync();

        await store.WriteAsync(Key("a"), null, Json("Lhasa", 867_891), Ct);

        Assert.Equal(867_891L, await QueryScalarAsync(
            $"SELECT (state->>'population')::bigint FROM {Scope}.grain_state WHERE grain_id = @id;",
            ("id", Key("a").GrainId)));
    }

    /// <summary>
    /// Three processes' stores (a cluster's silos) each reading far more records at once than the server takes
    /// connections (this server: 200): each store opens at most its pool's connections and the other reads wait for
    /// one, so every read answers; with Npgsql's default pool of 100 the server refused the connections beyond its
    /// limit and reads failed.
    /// </summary>
    [Fact]
    public async Task ReadAsync_ThreeStoresReadingThousandsAtOnce_StayWithinTheServersConnections()
    {
        var writer = await OpenAsync();
        await writer.WriteAsync(Key("shared"), null, Json("Lhasa", 1), Ct);
        var stores = new[] { writer, await OpenAsync(), await OpenAsync() };

        var reads = await Task.WhenAll(stores.SelectMany(store => Enumerable.Range(0, 1_000)
            .Select(i => store.ReadAsync(i % 2 == 0 ? Key("shared") : Key($"missing-{i}"), Ct))));

        Assert.Equal(1_500, reads.Count(read => read is not null));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_Throws()
    {
        var store = await OpenAsync();
        await QueryScalarAsync($"INSERT INTO {Scope}.schema_version (version, applied_at) VALUES (99, now());");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));
        Assert.Contains("99", error.Message);
    }

    [Fact]
    public async Task Connections_CommitSynchronously_EvenWhenTheConnectionStringAsksOtherwise()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString())
        {
            Options = "-c synchronous_commit=off",
        }.ToString();
        await using var store = new PostgreSqlGrainStateStore(connectionString, Scope);
        await using var connection = store.CreateConnection();
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SHOW synchronous_commit;", connection);

        Assert.Equal("on", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public void Constructor_SchemaThatIsNotAPlainIdentifier_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlGrainStateStore(server.ConnectionString(), "x; DROP"));
    }

    [Fact]
    public async Task AccessLog_RowsCannotBeChangedOrRemoved()
    {
        var store = await OpenAsync();
        await store.AppendAccessLogAsync([AccessLogLoad.Entry(0)], Ct);

        await Assert.ThrowsAsync<PostgresException>(() =>
            QueryScalarAsync($"UPDATE {Scope}.access_log SET actor = 'someone else';"));
        await Assert.ThrowsAsync<PostgresException>(() => QueryScalarAsync($"DELETE FROM {Scope}.access_log;"));
        await Assert.ThrowsAsync<PostgresException>(() => QueryScalarAsync($"TRUNCATE {Scope}.access_log;"));
        Assert.Equal(1L, await QueryScalarAsync($"SELECT COUNT(*) FROM {Scope}.access_log;"));
    }

    [Fact]
    public async Task AccessLog_100000Entries_TakeUnder50MB()
    {
        var store = await OpenAsync();

        await AccessLogLoad.AppendAsync(store, Ct);

        // Table, its indexes and TOAST: everything the log occupies in the database.
        var bytes = (long)(await QueryScalarAsync($"SELECT pg_total_relation_size('{Scope}.access_log');"))!;
        Assert.Equal((long)AccessLogLoad.Count, await QueryScalarAsync($"SELECT COUNT(*) FROM {Scope}.access_log;"));
        TestContext.Current.SendDiagnosticMessage(
            $"PostgreSQL access_log after {AccessLogLoad.Count:N0} entries: {bytes / 1_048_576.0:F1} MiB");
        Assert.InRange(bytes, 1, AccessLogLoad.MaximumBytes);
    }

    private async Task<object?> QueryScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync(Ct);
        return result is DBNull ? null : result;
    }
}
