using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using Registry.Abstractions.Persons;

namespace Registry.Storage.PostgreSql;

/// <summary>
/// An <see cref="IGrainStateStore"/> in a PostgreSQL database, the system of record of a Registry cluster: state as
/// JSONB with its version and ETag in <c>grain_state</c>, in one schema (<c>registry</c> by default); a record's
/// history is part of its state, so nothing else is stored. Each write is one statement and so one transaction,
/// committed with <c>synchronous_commit=on</c> (forced for the store's connections): a returned write is on the
/// server's disk. A schema written by a build that kept the retired <c>grain_history</c> copy is refused until
/// <c>migrate-storage</c> (<see cref="PostgreSqlHistoryRetirement"/>) has archived it.
/// </summary>
/// <remarks>
/// <para>Thread-safe: every operation takes its own pooled connection from one <see cref="NpgsqlDataSource"/>.</para>
/// <para>The schema is created and upgraded by the store's own numbered migrations (<see cref="InitializeAsync"/>)
/// under a transaction-scoped advisory lock, so several silos may start at once.</para>
/// <para>JSONB keeps the meaning of a state, not its text: PostgreSQL returns it with its own spacing and key order
/// (and <c>\u0000</c> cannot be stored, see <see cref="RegistryGrainStorage"/>). The Registry reads states with
/// System.Text.Json, which accepts either.</para>
/// </remarks>
public sealed class PostgreSqlGrainStateStore : IGrainStateStore, IAsyncDisposable, IDisposable
{
    /// <summary>The schema used when none is configured.</summary>
    public const string DefaultSchema = "registry";

    private const string SynchronousCommit = "-c synchronous_commit=on";
    private const int SeedBatchSize = 5_000;
    private const int KeyPageSize = 1_000;

    private readonly NpgsqlDataSource dataSource;
    private readonly PostgreSqlSchema schema;
    private readonly TimeProvider clock;
    private readonly Outbox? outbox;

    /// <param name="connectionString">An Npgsql connection string (<c>Host=...;Database=...;Username=...</c>).</param>
    /// <param name="schemaName">The schema holding the tables; created if absent.</param>
    /// <param name="timeProvider">The clock for schema bookkeeping, <c>updated_at</c> and outbox leases.</param>
    /// <param name="outbox">The state names whose writes add an outbox row (in the write's own statement),
    /// signalled after their commit; none when null.</param>
    public PostgreSqlGrainStateStore(string connectionString, string schemaName = DefaultSchema,
        TimeProvider? timeProvider = null, Outbox? outbox = null)
    {
        this.outbox = outbox;
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        schema = new PostgreSqlSchema(schemaName);
        clock = timeProvider ?? TimeProvider.System;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Durability must not depend on how the server or the role happens to be configured.
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? SynchronousCommit
            : builder.Options + " " + SynchronousCommit;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "registry";
        }

        if (!SetsMaxPoolSize(connectionString))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>
    /// How many connections one process opens at most when its connection string does not say (Npgsql's own default
    /// is 100): a cluster of a few silos then stays within PostgreSQL's default of 100 connections. Beyond it an
    /// operation waits for a free connection (up to the connection timeout) instead of being refused by the server:
    /// a bulk import reading thousands of records at once in each of three silos exhausted the server, and every
    /// operation of the moment failed ("too many clients already").
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    private static bool SetsMaxPoolSize(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .Any(key => key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
                || key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The schema holding this store's tables.</summary>
    public string Schema => schema.Name;

    /// <inheritdoc />
    public string Name => "postgresql";

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Held until commit: concurrent initializers (several silos starting) run one after the other, and the
        // later ones find the schema at the latest version. Concurrent CREATE ... IF NOT EXISTS alone can still fail.
        await using (var lockSchema = Command(connection, "SELECT pg_advisory_xact_lock(@key);"))
        {
            lockSchema.Parameters.AddWithValue("key", NpgsqlDbType.Bigint, AdvisoryLockKey(schema.Name));
            await lockSchema.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = Command(connection, schema.CreateSchemaAndVersionTable))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        int current;
        await using (var select = Command(connection, schema.SelectVersion))
        {
            current = Convert.ToInt32(await select.ExecuteScalarAsync(cancellationToken));
        }

        var latest = schema.Migrations.Count;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"PostgreSQL schema '{schema.Name}' has version {current}; this build knows up to {latest}. " +
                "Run a newer build of the Registry.");
        }

        if (current is > 0 and < PostgreSqlSchema.HistoryRetirementVersion
            && await HistoryRowsRemainAsync(connection, cancellationToken))
        {
            throw new InvalidOperationException(
                $"PostgreSQL schema '{schema.Name}' was written by an earlier Registry that kept a copy of every " +
                "version in grain_history. Run `Registry.Silo migrate-storage` once to archive and retire it.");
        }

        for (var version = current + 1; version <= latest; version++)
        {
            await using (var migrate = Command(connection, schema.Migrations[version - 1]))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = Command(connection, schema.RecordVersion);
            record.Parameters.AddWithValue("version", NpgsqlDbType.Integer, version);
            record.Parameters.AddWithValue("appliedAt", NpgsqlDbType.TimestampTz, clock.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(schema.SelectState);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredGrainState(reader.GetString(0), reader.GetInt64(1), reader.GetString(2))
            : null;
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateJson);
        var etag = Guid.NewGuid().ToString("N");
        var outboxed = outbox?.Covers(key.StateName) == true;
        await using var command = dataSource.CreateCommand((expectedETag is null, outboxed) switch
        {
            (true, false) => schema.InsertFirst,
            (false, false) => schema.UpdateMatching,
            (true, true) => schema.InsertFirstWithOutbox,
            (false, true) => schema.UpdateMatchingWithOutbox,
        });
        AddKey(command, key);
        AddUpdatedAt(command);
        command.Parameters.AddWithValue("etag", NpgsqlDbType.Text, etag);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, stateJson);
        if (expectedETag is not null)
        {
            command.Parameters.AddWithValue("expected", NpgsqlDbType.Text, expectedETag);
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw await MismatchAsync("write", key, expectedETag, cancellationToken);
        }

        if (outboxed)
        {
            outbox!.Signal();
        }

        return etag;
    }

    /// <inheritdoc />
    /// <remarks>One statement: <c>FOR UPDATE SKIP LOCKED</c> picks the rows, so relays of several silos claiming at
    /// once take different rows.</remarks>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(string claimant, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var command = dataSource.CreateCommand(schema.ClaimOutbox);
        command.Parameters.AddWithValue("claimant", NpgsqlDbType.Text, claimant);
        command.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, now + lease);
        command.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now);
        command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, limit);
        var claimed = new List<OutboxEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new OutboxEntry(reader.GetInt64(0),
                    new GrainStateKey(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)));
            }
        }

        claimed.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return claimed;
    }

    /// <inheritdoc />
    public async Task AcknowledgeOutboxAsync(IReadOnlyCollection<long> sequences,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(schema.DeleteOutbox);
        command.Parameters.AddWithValue("sequences", NpgsqlDbType.Array | NpgsqlDbType.Bigint, sequences.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One statement (one implicit transaction) for the whole batch.</remarks>
    public async Task AppendAccessLogAsync(IReadOnlyList<AccessLogEntry> entries,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(schema.InsertAccessLog);
        AddAccessLogEntries(command, entries);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var filters = (query.Subject is null ? "" : PostgreSqlSchema.AccessLogSubjectFilter) +
                      (query.Actor is null ? "" : PostgreSqlSchema.AccessLogActorFilter);
        var after = query.After is { } position && position.At >= query.From
            ? position
            : new AccessLogPosition(query.From, -1);
        await using var command = dataSource.CreateCommand(
            schema.SelectAccessLog.Replace("/*filters*/", filters, StringComparison.Ordinal));
        command.Parameters.AddWithValue("afterAt", NpgsqlDbType.Bigint, after.At.UtcTicks);
        command.Parameters.AddWithValue("afterSequence", NpgsqlDbType.Bigint, after.Sequence);
        command.Parameters.AddWithValue("until", NpgsqlDbType.Bigint, query.Until.UtcTicks);
        command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, query.Limit);
        if (query.Subject is not null)
        {
            command.Parameters.AddWithValue("subject", NpgsqlDbType.Text, query.Subject);
        }

        if (query.Actor is not null)
        {
            command.Parameters.AddWithValue("actor", NpgsqlDbType.Text, query.Actor);
        }

        var rows = new List<AccessLogRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AccessLogRow(reader.GetInt64(0), new AccessLogEntry(
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task MoveStateToAccessLogAsync(GrainStateKey key, string expectedETag,
        IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedETag);
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand(schema.DeleteMatching, connection, transaction))
        {
            AddKey(delete, key);
            delete.Parameters.AddWithValue("expected", NpgsqlDbType.Text, expectedETag);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw await MismatchAsync("move", key, expectedETag, cancellationToken);
            }
        }

        if (entries.Count > 0)
        {
            await using var insert = new NpgsqlCommand(schema.InsertAccessLog, connection, transaction);
            AddAccessLogEntries(insert, entries);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static void AddAccessLogEntries(NpgsqlCommand command, IReadOnlyList<AccessLogEntry> entries)
    {
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
        }

        command.Parameters.AddWithValue("at", NpgsqlDbType.Array | NpgsqlDbType.Bigint,
            entries.Select(e => e.At.UtcTicks).ToArray());
        command.Parameters.AddWithValue("actor", NpgsqlDbType.Array | NpgsqlDbType.Text,
            entries.Select(e => e.Actor).ToArray());
        command.Parameters.AddWithValue("action", NpgsqlDbType.Array | NpgsqlDbType.Text,
            entries.Select(e => e.Action).ToArray());
        command.Parameters.AddWithValue("subject", NpgsqlDbType.Array | NpgsqlDbType.Text,
            entries.Select(e => e.SubjectIdNumber).ToArray());
        command.Parameters.AddWithValue("recordId", NpgsqlDbType.Array | NpgsqlDbType.Text,
            entries.Select(e => e.RecordId).ToArray());
    }

    /// <inheritdoc />
    /// <remarks>Clearing a record that has no state with a null ETag changes nothing.</remarks>
    public async Task ClearAsync(GrainStateKey key, string? expectedETag,
        CancellationToken cancellationToken = default)
    {
        if (expectedETag is null)
        {
            if (await ReadETagAsync(key, cancellationToken) is { } stored)
            {
                throw Mismatch("clear", key, stored, expectedETag);
            }

            return;
        }

        await using var command = dataSource.CreateCommand(schema.DeleteMatching);
        AddKey(command, key);
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Text, expectedETag);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw await MismatchAsync("clear", key, expectedETag, cancellationToken);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement per 5,000 states (each its own transaction); when cancelled between batches, the committed
    /// batches stay, and a rerun inserts the rest. The 44,700 official divisions take a few seconds.
    /// </remarks>
    public async Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        var inserted = 0;
        for (var start = 0; start < states.Count; start += SeedBatchSize)
        {
            var batch = states.Skip(start).Take(SeedBatchSize).ToArray();
            foreach (var seed in batch)
            {
                ArgumentNullException.ThrowIfNull(seed, nameof(states));
            }

            await using var command = dataSource.CreateCommand(schema.InsertMissingBatch);
            AddUpdatedAt(command);
            command.Parameters.AddWithValue("stateNames", NpgsqlDbType.Array | NpgsqlDbType.Text,
                batch.Select(seed => seed.Key.StateName).ToArray());
            command.Parameters.AddWithValue("grainIds", NpgsqlDbType.Array | NpgsqlDbType.Text,
                batch.Select(seed => seed.Key.GrainId).ToArray());
            command.Parameters.AddWithValue("etags", NpgsqlDbType.Array | NpgsqlDbType.Text,
                batch.Select(_ => Guid.NewGuid().ToString("N")).ToArray());
            command.Parameters.AddWithValue("states", NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
                batch.Select(seed => seed.StateJson).ToArray());
            inserted += await ExecuteRetryingDeadlocksAsync(command, cancellationToken);
        }

        return inserted;
    }

    /// <inheritdoc />
    /// <remarks>Pages through the keys in byte order (the key columns use the "C" collation).</remarks>
    public async IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var after = string.Empty;
        while (true)
        {
            var page = new List<string>(KeyPageSize);
            await using (var command = dataSource.CreateCommand(schema.SelectKeysAfter))
            {
                command.Parameters.AddWithValue("stateName", NpgsqlDbType.Text, stateName);
                command.Parameters.AddWithValue("after", NpgsqlDbType.Text, after);
                command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, KeyPageSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(reader.GetString(0));
                }
            }

            foreach (var grainId in page)
            {
                yield return new GrainStateKey(stateName, grainId);
            }

            if (page.Count < KeyPageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    /// <inheritdoc />
    /// <remarks>Per page of keys, the states the filter accepts are read in one query, so refused rows never send
    /// their JSON.</remarks>
    public async IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName,
        Func<string, bool>? grainIdFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var wanted = new List<string>(KeyPageSize);
        await foreach (var key in ListKeysAsync(stateName, cancellationToken))
        {
            if (grainIdFilter is null || grainIdFilter(key.GrainId))
            {
                wanted.Add(key.GrainId);
            }

            if (wanted.Count == KeyPageSize)
            {
                foreach (var record in await ReadStatesAsync(stateName, wanted, cancellationToken))
                {
                    yield return record;
                }

                wanted.Clear();
            }
        }

        foreach (var record in await ReadStatesAsync(stateName, wanted, cancellationToken))
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    /// <remarks>One range query on the primary key (state name, grain id; "C" collation, so byte order).</remarks>
    public async Task<IReadOnlyList<StoredRecord>> ReadPrefixAsync(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var until = GrainIdRange.UpperBound(grainIdPrefix);
        var records = new List<StoredRecord>();
        await using var command = dataSource.CreateCommand(schema.SelectStatesInRange);
        command.Parameters.AddWithValue("stateName", NpgsqlDbType.Text, stateName);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Text, grainIdPrefix);
        command.Parameters.AddWithValue("until", NpgsqlDbType.Text, until);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new StoredRecord(new GrainStateKey(stateName, reader.GetString(0)),
                new StoredGrainState(reader.GetString(1), reader.GetInt64(2), reader.GetString(3))));
        }

        return records;
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT 1;");
        _ = await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => dataSource.Dispose();

    // Several silos seeding the same keys at once wait on each other's rows; should PostgreSQL still pick one as a
    // deadlock victim, its batch (one statement, rolled back whole) is simply run again.
    private static async Task<int> ExecuteRetryingDeadlocksAsync(NpgsqlCommand command,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected
                                                  or PostgresErrorCodes.SerializationFailure && attempt < 5)
            {
            }
        }
    }

    /// <summary>A connection with the store's settings, not yet open.</summary>
    internal NpgsqlConnection CreateConnection() => dataSource.CreateConnection();

    private async Task<string?> ReadETagAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(schema.SelectETag);
        AddKey(command, key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    // The stored ETag is read after the refused change, so it may already be newer than the one that refused it;
    // it is for the message only.
    private async Task<InconsistentStateException> MismatchAsync(string operation, GrainStateKey key,
        string? expectedETag, CancellationToken cancellationToken) =>
        Mismatch(operation, key, await ReadETagAsync(key, cancellationToken), expectedETag);

    private static InconsistentStateException Mismatch(string operation, GrainStateKey key, string? storedETag,
        string? expectedETag) =>
        new($"Cannot {operation} state '{key.StateName}' of grain '{key.GrainId}': the stored ETag is " +
            $"{Describe(storedETag)} but the caller expected {Describe(expectedETag)}.",
            storedETag, expectedETag);

    private static string Describe(string? etag) => etag is null ? "none (no state stored)" : $"'{etag}'";

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql) => new(sql, connection);

    /// <summary>The states of <paramref name="grainIds"/> still stored, in key order; a key cleared meanwhile is
    /// left out.</summary>
    private async Task<List<StoredRecord>> ReadStatesAsync(string stateName, List<string> grainIds,
        CancellationToken cancellationToken)
    {
        var records = new List<StoredRecord>(grainIds.Count);
        if (grainIds.Count == 0)
        {
            return records;
        }

        await using var command = dataSource.CreateCommand(schema.SelectStatesIn);
        command.Parameters.AddWithValue("stateName", NpgsqlDbType.Text, stateName);
        command.Parameters.AddWithValue("grainIds", NpgsqlDbType.Array | NpgsqlDbType.Text, grainIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new StoredRecord(new GrainStateKey(stateName, reader.GetString(0)),
                new StoredGrainState(reader.GetString(1), reader.GetInt64(2), reader.GetString(3))));
        }

        return records;
    }

    private static void AddKey(NpgsqlCommand command, GrainStateKey key)
    {
        command.Parameters.AddWithValue("stateName", NpgsqlDbType.Text, key.StateName);
        command.Parameters.AddWithValue("grainId", NpgsqlDbType.Text, key.GrainId);
    }

    private void AddUpdatedAt(NpgsqlCommand command) =>
        command.Parameters.AddWithValue("updatedAt", NpgsqlDbType.TimestampTz, clock.GetUtcNow().ToUniversalTime());

    /// <summary>Whether the retired <c>grain_history</c> table exists and holds rows.</summary>
    internal async Task<bool> HistoryRowsRemainAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = Command(connection, schema.HistoryTableExists))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }

        await using var rows = Command(connection, schema.HistoryHasRows);
        return await rows.ExecuteScalarAsync(cancellationToken) is true;
    }

    // A stable 64-bit key per schema name, so that stores of different schemas do not wait for each other.
    private static long AdvisoryLockKey(string schemaName) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("registry-schema:" + schemaName)), 0);
}
