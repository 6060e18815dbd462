using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Registry.Abstractions.Persons;
using ZstdSharp;

namespace Registry.Storage.Sqlite;

/// <summary>
/// An <see cref="IGrainStateStore"/> in one SQLite database file: WAL journal, <c>synchronous=FULL</c> so that a
/// returned write survives power loss, a 30 s busy timeout for other processes sharing the file, and immediate
/// (write-locking) transactions for every change. State lives in <c>grain_state</c>, one row per record and nothing
/// else: a record's history is part of its state. A database written by a build that kept the retired
/// <c>grain_history</c> copy is refused until <c>migrate-storage</c> (<see cref="SqliteHistoryRetirement"/>) has
/// archived it.
/// </summary>
/// <remarks>
/// Thread-safe. Reads open their own pooled connection on the thread pool (Microsoft.Data.Sqlite runs synchronously
/// even behind its async methods, and an Orleans scheduler thread must not block). Writes go through one
/// <see cref="SqliteWriteQueue"/>: all writes waiting at a moment share one transaction and one fsync (group commit),
/// each in its own savepoint, and each caller's task completes after the commit that made its write durable. The
/// queue's connection stays open and keeps its statements prepared (<see cref="Statement"/>), so a write parses no
/// SQL. Dispose releases the pooled connections (and with them the file).
/// </remarks>
/// <param name="databasePath">The database file; its directory is created by <see cref="InitializeAsync"/>.</param>
/// <param name="timeProvider">The clock for schema bookkeeping, <c>updated_at</c> and outbox leases;
/// <see cref="TimeProvider.System"/> when null.</param>
/// <param name="outbox">The state names whose writes add an outbox row (in the write's savepoint, so in its
/// transaction), signalled after their commit; none when null.</param>
public sealed class SqliteGrainStateStore(string databasePath, TimeProvider? timeProvider = null,
    Outbox? outbox = null)
    : IGrainStateStore, IDisposable
{
    private const int SeedBatchSize = 5_000;
    private const int KeyPageSize = 1_000;
    private const int BusyTimeoutMilliseconds = 30_000;
    private const string TimeFormat = "O";

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = BusyTimeoutMilliseconds / 1_000,
    }.ToString();

    // Prepared commands per write connection; an entry goes with its connection.
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>>
        PreparedStatements = new();

    // The WAL is truncated back to this size after a checkpoint that empties it, and checkpointed in full (waiting
    // briefly for readers) once it has grown past it: with reads always running, SQLite's own checkpoints never find a
    // moment to start the log over, and a busy run's WAL grew to 700 MB beside a 300 MB database.
    private const long WalLimitBytes = 64L * 1024 * 1024;
    private const int CommitsBetweenWalChecks = 64;
    private const int CheckpointBusyTimeoutMilliseconds = 2_000;

    private readonly TimeProvider clock = timeProvider ?? TimeProvider.System;
    private readonly SemaphoreSlim initializeGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Task<bool>> trainings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Task<bool>> startedTrainings = new();
    private SqliteStateDictionaries? dictionaryCache;
    private int commitsSinceWalCheck;
    private SqliteWriteQueue? writeQueue;
    private SqliteAccessLogSubjects? accessLogSubjects;
    private volatile bool disposed;

    private SqliteStateDictionaries Dictionaries =>
        LazyInitializer.EnsureInitialized(ref dictionaryCache, () => new SqliteStateDictionaries(LoadDictionary));

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(databasePath);

    /// <summary>Writes of a state name stored without a compression dictionary after which one is trained from its
    /// stored states (see <see cref="SqliteStateDictionary"/>).</summary>
    internal int TrainDictionaryAfterWrites { get; init; } = 1_000;

    /// <summary>The fewest stored states of a name a dictionary is trained from; with fewer the training waits for
    /// as many writes again.</summary>
    internal int DictionaryMinimumSamples { get; init; } = 500;

    /// <summary>The most states (those of the latest records written) a dictionary is trained from.</summary>
    internal int DictionaryMaximumSamples { get; init; } = 2_000;

    /// <summary>A dictionary's size: 8 KiB did as well as 16 and 32 on marriage records (185 against 186 and 192
    /// bytes a record).</summary>
    internal int DictionaryCapacity { get; init; } = 8 * 1024;

    /// <summary>Whether the access log's subject index follows appends by itself (true, as a service runs it); a tool
    /// that builds it at once (<c>migrate-storage</c>) or a test that holds it back calls
    /// <see cref="IndexAccessLogSubjects"/> instead.</summary>
    public bool FollowAccessLogSubjects { get; init; } = true;

    /// <summary>The sizes of the access log's subject-index runs and merges (see
    /// <see cref="SqliteAccessLogSubjects"/>); tests set small ones.</summary>
    internal SqliteAccessLogSubjects.Settings AccessLogSubjectSettings { get; init; } = new();

    /// <summary>The access log's subject index file (beside the database).</summary>
    public string AccessLogSubjectsPath => SqliteAccessLogSubjects.PathFor(DatabasePath);

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await initializeGate.WaitAsync(cancellationToken);
        try
        {
            await Task.Run(Initialize, cancellationToken);
            if (accessLogSubjects is null)
            {
                var subjects = new SqliteAccessLogSubjects(DatabasePath, OpenForReading, AccessLogSubjectSettings);
                try
                {
                    await Task.Run(subjects.Initialize, cancellationToken);
                    accessLogSubjects = subjects;
                    if (FollowAccessLogSubjects)
                    {
                        subjects.Follow();
                    }
                }
                catch (Exception error) when (error is SqliteException or IOException or UnauthorizedAccessException)
                {
                    // The index is an economy of reads, never a condition of the store (a full disk, a path it cannot
                    // use): without it a read by subject walks the log's period, and the next start tries again.
                    subjects.Dispose();
                }
            }
        }
        finally
        {
            initializeGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) =>
        Task.Run(() => Read(key), cancellationToken);

    /// <inheritdoc />
    /// <remarks>One thread-pool task and one pooled connection for all of them, the statement prepared once.</remarks>
    public Task<IReadOnlyList<StoredGrainState?>> ReadManyAsync(string stateName, IReadOnlyList<string> grainIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainIds);
        if (grainIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StoredGrainState?>>([]);
        }

        return Task.Run<IReadOnlyList<StoredGrainState?>>(() =>
        {
            using var connection = OpenForReading();
            using var command = Command(connection, null, SqliteSchema.SelectState, ("$stateName", stateName),
                ("$grainId", grainIds[0]));
            command.Prepare();
            var states = new StoredGrainState?[grainIds.Count];
            for (var i = 0; i < grainIds.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                command.Parameters["$grainId"].Value = grainIds[i];
                using var reader = command.ExecuteReader();
                states[i] = reader.Read()
                    ? StateAt(reader, 0)
                    : null;
            }

            return states;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateJson);
        var dictionary = Dictionaries.For(key.StateName);
        return EnqueueEncodedWriteAsync(key, expectedETag,
            SqliteStateCodec.Encode(stateJson, rewrite: expectedETag is not null, dictionary), dictionary,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> WriteUtf8Async(GrainStateKey key, string? expectedETag, ReadOnlySpan<byte> utf8Json,
        CancellationToken cancellationToken = default)
    {
        var dictionary = Dictionaries.For(key.StateName);
        return EnqueueEncodedWriteAsync(key, expectedETag,
            SqliteStateCodec.Encode(utf8Json, rewrite: expectedETag is not null, dictionary), dictionary,
            cancellationToken);
    }

    // The state is compressed by the caller, on its own thread: the write queue has one writer, and every state it
    // compressed inside its transaction held up the whole group behind it. A state replacing a stored version is
    // compressed faster (see SqliteStateCodec).
    private Task<string> EnqueueEncodedWriteAsync(GrainStateKey key, string? expectedETag, object encoded,
        SqliteStateDictionary? dictionary, CancellationToken cancellationToken)
    {
        var updatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var outboxed = outbox?.Covers(key.StateName) == true;
        if (dictionary is null && Dictionaries.CountWrite(key.StateName, key.GrainId, TrainDictionaryAfterWrites,
                DictionaryMaximumSamples))
        {
            StartTraining(key.StateName);
        }

        return outboxed
            ? SignalAfter(key, EnqueueWriteAsync((connection, transaction) =>
                Write(connection, transaction, key, expectedETag, encoded, updatedAt, outboxed: true), cancellationToken))
            : EnqueueWriteAsync((connection, transaction) =>
                Write(connection, transaction, key, expectedETag, encoded, updatedAt, outboxed: false).ETag,
                cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One <c>UPDATE ... RETURNING</c> through the write queue: SQLite serializes writers, so two relays
    /// (processes sharing the file) never claim the same row.</remarks>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(string claimant, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var now = clock.GetUtcNow();
        var claimed = await EnqueueWriteAsync((connection, transaction) =>
        {
            using var reader = Statement(connection, transaction, SqliteSchema.ClaimOutbox,
                    ("$claimant", claimant), ("$until", FormatTime(now + lease)), ("$now", FormatTime(now)),
                    ("$limit", limit))
                .ExecuteReader();
            var rows = new List<OutboxEntry>();
            while (reader.Read())
            {
                rows.Add(new OutboxEntry(reader.GetInt64(0), new GrainStateKey(reader.GetString(1),
                    reader.GetString(2)), reader.GetInt64(3)));
            }

            return rows;
        }, cancellationToken);
        claimed.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return claimed;
    }

    /// <inheritdoc />
    public Task AcknowledgeOutboxAsync(IReadOnlyCollection<long> sequences,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            return Task.CompletedTask;
        }

        var list = JsonSerializer.Serialize(sequences);
        return EnqueueWriteAsync((connection, transaction) =>
            Statement(connection, transaction, SqliteSchema.DeleteOutbox, ("$sequences", list)).ExecuteNonQuery(),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>True: every append is one queued write in the next group commit.</remarks>
    public bool GroupsConcurrentAppends => true;

    /// <inheritdoc />
    /// <remarks>One queued write: the entries share the group commit (and its fsync) of whatever else is waiting.</remarks>
    public Task AppendAccessLogAsync(IReadOnlyList<AccessLogEntry> entries,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        return SignalSubjectsAfter(EnqueueWriteAsync((connection, transaction) =>
            InsertAccessLog(connection, transaction, entries), cancellationToken), entries.Count);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return Task.Run<IReadOnlyList<AccessLogRow>>(() =>
        {
            var filters = (query.Subject is null ? "" : SqliteSchema.AccessLogSubjectFilter) +
                          (query.Actor is null ? "" : SqliteSchema.AccessLogActorFilter);
            var after = query.After ?? new AccessLogPosition(query.From, -1);
            if (after.At < query.From)
            {
                after = new AccessLogPosition(query.From, -1);
            }

            // By subject alone: the subject index (with the entries past its watermark). With an actor as well, the
            // actor's index narrows it, as it does for an actor alone.
            if (query.Subject is not null && query.Actor is null && accessLogSubjects is { } subjects)
            {
                return subjects.Read(query.Subject, after, query.Until, query.Limit, cancellationToken);
            }

            using var connection = OpenForReading();
            using var command = Command(connection, null,
                string.Format(CultureInfo.InvariantCulture, SqliteSchema.SelectAccessLog, filters),
                ("$afterAt", after.At.UtcTicks), ("$afterSequence", after.Sequence),
                ("$until", query.Until.UtcTicks), ("$limit", query.Limit));
            if (query.Subject is not null)
            {
                command.Parameters.AddWithValue("$subject", query.Subject);
            }

            if (query.Actor is not null)
            {
                command.Parameters.AddWithValue("$actor", query.Actor);
            }

            var rows = new List<AccessLogRow>();
            ReadAccessLogRows(command, rows);
            return rows;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task MoveStateToAccessLogAsync(GrainStateKey key, string expectedETag,
        IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedETag);
        ArgumentNullException.ThrowIfNull(entries);
        return SignalSubjectsAfter(EnqueueWriteAsync((connection, transaction) =>
        {
            // Deleting first and inserting after, in one savepoint: a refusal of either leaves both undone.
            Clear(connection, transaction, key, expectedETag);
            return InsertAccessLog(connection, transaction, entries);
        }, cancellationToken), entries.Count);
    }

    /// <summary>After the commit of appended entries: the subject index is told there is more to take in.</summary>
    private async Task SignalSubjectsAfter(Task appended, int entries)
    {
        await appended;
        accessLogSubjects?.Signal(entries);
    }

    /// <summary>Indexes by subject every access-log entry committed so far, however few, and merges the runs that are
    /// due; the number indexed. <c>migrate-storage</c> runs it so that the first start after an upgrade finds the
    /// index built; otherwise the store's follower does it in the background.</summary>
    public long IndexAccessLogSubjects() => SubjectIndex.CatchUp();

    /// <summary>Completes once the subject index's follower has taken in the entries up to
    /// <paramref name="sequence"/>.</summary>
    internal Task WhenAccessLogSubjectsIndexed(long sequence) => SubjectIndex.WhenIndexedAsync(sequence);

    /// <summary>The sequence of the last access-log entry the subject index holds (0 when none).</summary>
    internal long AccessLogSubjectWatermark() => SubjectIndex.Watermark();

    /// <summary>The subject index's runs: level and entries of each, by level.</summary>
    internal List<(int Level, long Entries)> AccessLogSubjectRuns() => SubjectIndex.Runs();

    private SqliteAccessLogSubjects SubjectIndex => accessLogSubjects ??
        throw new InvalidOperationException("The store is not initialized.");

    /// <summary>Adds the access-log rows <paramref name="command"/> selects (sequence, at, actor, action, subject,
    /// record_id) to <paramref name="into"/>.</summary>
    internal static void ReadAccessLogRows(SqliteCommand command, List<AccessLogRow> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(new AccessLogRow(reader.GetInt64(0), new AccessLogEntry(
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))));
        }
    }

    private static int InsertAccessLog(SqliteConnection connection, SqliteTransaction transaction,
        IReadOnlyList<AccessLogEntry> entries)
    {
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            Statement(connection, transaction, SqliteSchema.InsertAccessLog,
                    ("$at", entry.At.UtcTicks), ("$actor", entry.Actor), ("$action", entry.Action),
                    ("$subject", entry.SubjectIdNumber), ("$recordId", entry.RecordId))
                .ExecuteNonQuery();
        }

        return entries.Count;
    }

    /// <summary>After the commit: the version written is noted for the relay (see <see cref="Outbox.Written"/>),
    /// then the relay woken.</summary>
    private async Task<string> SignalAfter(GrainStateKey key, Task<(string ETag, long Version)> written)
    {
        var (etag, version) = await written;
        outbox!.Written(key, version);
        outbox.Signal();
        return etag;
    }

    /// <inheritdoc />
    /// <remarks>Clearing a record that has no state with a null ETag changes nothing.</remarks>
    public Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default) =>
        EnqueueWriteAsync((connection, transaction) =>
        {
            Clear(connection, transaction, key, expectedETag);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Commits in batches of 5,000 states; when cancelled between batches, the committed batches stay, and a rerun
    /// inserts the rest. A state inserted here has version 1.
    /// </remarks>
    public async Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        var updatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var inserted = 0;
        for (var start = 0; start < states.Count; start += SeedBatchSize)
        {
            var count = Math.Min(SeedBatchSize, states.Count - start);
            var batchStart = start;
            inserted += await EnqueueWriteAsync((connection, transaction) =>
                InsertMissingBatch(connection, transaction, states, batchStart, count, updatedAt), cancellationToken);
        }

        return inserted;
    }

    /// <inheritdoc />
    /// <remarks>Pages through the keys in ordinal (byte) order; no connection stays open between pages.</remarks>
    public async IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        string? after = null;
        while (true)
        {
            var lastKey = after;
            var page = await Task.Run(() => ReadKeyPage(stateName, lastKey), cancellationToken);
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
    /// <remarks>
    /// Pages through the keys as <see cref="ListKeysAsync"/> does (the primary-key index alone) and reads the states
    /// the filter accepts one page at a time in one query, so refused rows are never read.
    /// </remarks>
    public async IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName, Func<string, bool>? grainIdFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        string? after = null;
        while (true)
        {
            var lastKey = after;
            var (page, scanned) = await Task.Run(() =>
            {
                var keys = ReadKeyPage(stateName, lastKey);
                var wanted = grainIdFilter is null ? keys : keys.Where(grainIdFilter).ToList();
                return (ReadStates(stateName, wanted), keys);
            }, cancellationToken);
            foreach (var record in page)
            {
                yield return record;
            }

            if (scanned.Count < KeyPageSize)
            {
                yield break;
            }

            after = scanned[^1];
        }
    }

    /// <inheritdoc />
    /// <remarks>One range query on the primary key (state name, grain id).</remarks>
    public Task<IReadOnlyList<StoredRecord>> ReadPrefixAsync(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var until = GrainIdRange.UpperBound(grainIdPrefix);
        return Task.Run<IReadOnlyList<StoredRecord>>(() =>
        {
            using var connection = OpenForReading();
            using var command = Command(connection, null, SqliteSchema.SelectStatesInRange,
                ("$stateName", stateName), ("$from", grainIdPrefix), ("$until", until));
            using var reader = command.ExecuteReader();
            var records = new List<StoredRecord>();
            while (reader.Read())
            {
                records.Add(new StoredRecord(new GrainStateKey(stateName, reader.GetString(0)),
                    StateAt(reader, 1)));
            }

            return records;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = OpenForReading();
            using var command = Command(connection, null, "SELECT 1;");
            _ = command.ExecuteScalar();
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Replaces one row of <c>write_probe</c> (a few pages, so the write needs room as a record's would) through the
    /// same write queue and commit as every write.
    /// </remarks>
    public Task ProbeWriteAsync(CancellationToken cancellationToken = default) =>
        EnqueueWriteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction,
                "CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY, probed_at TEXT NOT NULL, filler BLOB);" +
                " INSERT OR REPLACE INTO write_probe (id, probed_at, filler) VALUES (1, $at, randomblob(16384));",
                ("$at", clock.GetUtcNow().ToString(TimeFormat, CultureInfo.InvariantCulture)));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>Releases the pooled connections of this database. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        // The subject index first: its follower reads the log through this store's connections.
        accessLogSubjects?.Dispose();
        disposed = true;
        writeQueue?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        dictionaryCache?.Dispose();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Runs <paramref name="work"/> inside the next group commit; completes after that commit.</summary>
    internal Task<T> EnqueueWriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var queue = LazyInitializer.EnsureInitialized(ref writeQueue,
            () => new SqliteWriteQueue(Open, AfterCommit));
        return queue.EnqueueAsync(work, cancellationToken);
    }

    /// <summary>
    /// A pooled connection for reads alone. No per-connection settings: <c>synchronous</c> only matters to writes,
    /// and Microsoft.Data.Sqlite itself retries a busy database until the command timeout.
    /// </summary>
    internal SqliteConnection OpenForReading()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return OpenWith(connectionString, null);
    }

    /// <summary>A connection for writes: durable commits (<c>synchronous=FULL</c>) and the busy timeout.</summary>
    internal SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return OpenWith(connectionString, "FULL");
    }

    /// <summary>An open connection; for writes (<paramref name="synchronous"/> given) with the writer's settings: that
    /// <c>synchronous</c>, the busy timeout and the WAL's size limit. Per-connection settings: a pooled connection may
    /// come from before a change, so they are set every time.</summary>
    internal static SqliteConnection OpenWith(string connectionString, string? synchronous)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            if (synchronous is not null)
            {
                using var pragmas = Command(connection, null,
                    $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; " +
                    $"PRAGMA journal_size_limit = {WalLimitBytes};");
                pragmas.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Initialize()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        using var connection = Open();

        // The journal mode is stored in the file; it cannot change inside a transaction.
        using (var journal = Command(connection, null, "PRAGMA journal_mode = WAL;"))
        {
            var mode = journal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite database '{DatabasePath}' could not switch to WAL journal mode (it reports '{mode}').");
            }
        }

        // An immediate transaction serializes concurrent initializers, also across processes.
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = Command(connection, transaction, SqliteSchema.CreateVersionTable))
        {
            create.ExecuteNonQuery();
        }

        long current;
        using (var select = Command(connection, transaction, SqliteSchema.SelectVersion))
        {
            current = (long)select.ExecuteScalar()!;
        }

        var latest = SqliteSchema.Migrations.Count;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"SQLite database '{DatabasePath}' has schema version {current}; this build knows up to {latest}.");
        }

        if (current is > 0 and < SqliteSchema.HistoryRetirementVersion && HistoryRowsRemain(connection, transaction))
        {
            throw new InvalidOperationException(
                $"SQLite database '{DatabasePath}' was written by an earlier Registry that kept a copy of every " +
                "version in grain_history. Run `Registry.Silo migrate-storage` once to archive and retire it.");
        }

        for (var version = current + 1; version <= latest; version++)
        {
            using (var migrate = Command(connection, transaction, SqliteSchema.Migrations[(int)version - 1]))
            {
                migrate.ExecuteNonQuery();
            }

            using var record = Command(connection, transaction, SqliteSchema.RecordVersion,
                ("$version", version), ("$appliedAt", FormatTime(clock.GetUtcNow())));
            record.ExecuteNonQuery();
        }

        using (var select = Command(connection, transaction, SqliteSchema.SelectDictionaries))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                Dictionaries.Add(new SqliteStateDictionary(reader.GetInt64(0), reader.GetString(1),
                    (byte[])reader.GetValue(2)));
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// Trains a compression dictionary for <paramref name="stateName"/> from its latest stored states and stores it;
    /// the states written after that are compressed with it. False when there are too few states yet (or they give
    /// no dictionary). One training per state name at a time: a second call while one runs gets the same task.
    /// </summary>
    internal Task<bool> TrainDictionaryAsync(string stateName, CancellationToken cancellationToken = default)
    {
        var mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = trainings.GetOrAdd(stateName, mine.Task);
        if (running != mine.Task)
        {
            return running;
        }

        startedTrainings.Enqueue(mine.Task);
        _ = Task.Run(async () =>
        {
            try
            {
                var trained = await TrainAsync(stateName, cancellationToken);
                trainings.TryRemove(new KeyValuePair<string, Task<bool>>(stateName, mine.Task));
                mine.SetResult(trained);
            }
            catch (Exception error)
            {
                trainings.TryRemove(new KeyValuePair<string, Task<bool>>(stateName, mine.Task));
                mine.SetException(error);
            }
        }, CancellationToken.None);
        return mine.Task;
    }

    /// <summary>Completes when every training started so far has ended (for tests: those started by writes).</summary>
    internal Task WhenTrainingsDone() => Task.WhenAll(startedTrainings);

    private void StartTraining(string stateName) =>
        _ = TrainDictionaryAsync(stateName).ContinueWith(t =>
        {
            // Compression is an economy, never a condition of a write: a failed training leaves states as they were.
            if (t.IsFaulted || !t.Result)
            {
                _ = t.Exception;
                Dictionaries.TrainingFailed(stateName);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<bool> TrainAsync(string stateName, CancellationToken cancellationToken)
    {
        if (Dictionaries.For(stateName) is not null)
        {
            return true;
        }

        var samples = ReadSamples(stateName);
        if (samples.Count < DictionaryMinimumSamples)
        {
            return false;
        }

        byte[] content;
        try
        {
            content = DictBuilder.TrainFromBuffer(samples, DictionaryCapacity).ToArray();
        }
        catch (ZstdException)
        {
            return false; // states too alike or too small to learn from: stay with Brotli
        }

        var createdAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var id = await EnqueueWriteAsync((connection, transaction) =>
            (long)Statement(connection, transaction, SqliteSchema.InsertDictionary,
                ("$stateName", stateName), ("$createdAt", createdAt), ("$samples", samples.Count),
                ("$content", content)).ExecuteScalar()!, cancellationToken);
        // Known only once its row is committed: no state names a dictionary that is not on disk.
        Dictionaries.Add(new SqliteStateDictionary(id, stateName, content));
        return true;
    }

    /// <summary>The states of the records of <paramref name="stateName"/> written lately (as stored now), as UTF-8;
    /// none after a restart until it has been written again.</summary>
    private List<byte[]> ReadSamples(string stateName) =>
        ReadStates(stateName, Dictionaries.RecentKeys(stateName).Order(StringComparer.Ordinal).ToList())
            .Select(record => record.State.Utf8Json)
            .Where(utf8 => utf8.Length <= SqliteStateCodec.DictionaryUpTo)
            .Select(utf8 => utf8.ToArray())
            .ToList();

    private SqliteStateDictionary? LoadDictionary(long id)
    {
        using var connection = OpenForReading();
        using var command = Command(connection, null, SqliteSchema.SelectDictionary, ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SqliteStateDictionary(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2))
            : null;
    }

    /// <summary>
    /// Run by the writer after each committed group: every <see cref="CommitsBetweenWalChecks"/> groups, a WAL grown
    /// past <see cref="WalLimitBytes"/> is checkpointed in full and truncated (waiting at most
    /// <see cref="CheckpointBusyTimeoutMilliseconds"/> for readers; if they keep it busy, the next check tries again).
    /// </summary>
    private void AfterCommit(SqliteConnection connection)
    {
        if (++commitsSinceWalCheck < CommitsBetweenWalChecks)
        {
            return;
        }

        commitsSinceWalCheck = 0;
        var wal = new FileInfo(DatabasePath + "-wal");
        if (!wal.Exists || wal.Length <= WalLimitBytes)
        {
            return;
        }

        // The writer's own busy timeout is restored whatever the checkpoint does: left at the checkpoint's shorter one
        // after a failure (the queue ignores it), later writes would give up on a busy database sooner.
        try
        {
            using var checkpoint = Command(connection, null,
                $"PRAGMA busy_timeout = {CheckpointBusyTimeoutMilliseconds}; PRAGMA wal_checkpoint(TRUNCATE);");
            checkpoint.ExecuteNonQuery();
        }
        finally
        {
            using var restore = Command(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            restore.ExecuteNonQuery();
        }
    }

    /// <summary>Whether the retired <c>grain_history</c> table exists and holds rows.</summary>
    internal static bool HistoryRowsRemain(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var exists = Command(connection, transaction, SqliteSchema.HistoryTableExists);
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return false;
        }

        using var rows = Command(connection, transaction, SqliteSchema.HistoryHasRows);
        return (long)rows.ExecuteScalar()! != 0;
    }

    /// <summary>A stored state from the row's ETag, version and state columns, the first at <paramref name="first"/>.</summary>
    private StoredGrainState StateAt(SqliteDataReader reader, int first) =>
        new(SqliteStateCodec.ReadETag(reader, first), reader.GetInt64(first + 1),
            SqliteStateCodec.ReadUtf8(reader, first + 2, Dictionaries.Get));

    private StoredGrainState? Read(GrainStateKey key)
    {
        using var connection = OpenForReading();
        using var command = Command(connection, null, SqliteSchema.SelectState, KeyParameters(key));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? StateAt(reader, 0)
            : null;
    }

    private static (string ETag, long Version) Write(SqliteConnection connection, SqliteTransaction transaction,
        GrainStateKey key, string? expectedETag, object encodedState, long updatedAt, bool outboxed)
    {
        var current = ReadCurrent(connection, transaction, key);
        if (!string.Equals(current?.ETag, expectedETag, StringComparison.Ordinal))
        {
            throw Mismatch("write", key, current?.ETag, expectedETag);
        }

        var version = (current?.Version ?? 0) + 1;
        var etag = SqliteStateCodec.NewETag();
        var contentId = StoreContent(connection, transaction, encodedState, current?.ContentId);
        Statement(connection, transaction, current is null ? SqliteSchema.InsertState : SqliteSchema.UpdateState,
                ("$stateName", key.StateName), ("$grainId", key.GrainId), ("$version", version), ("$etag", etag),
                ("$stateJson", contentId is null ? encodedState : Array.Empty<byte>()), ("$updatedAt", updatedAt),
                ("$contentId", contentId))
            .ExecuteNonQuery();
        if (outboxed)
        {
            Statement(connection, transaction, SqliteSchema.InsertOutbox,
                ("$stateName", key.StateName), ("$grainId", key.GrainId), ("$version", version)).ExecuteNonQuery();
        }

        return (SqliteStateCodec.ETagText(etag), version);
    }

    private static void Clear(SqliteConnection connection, SqliteTransaction transaction, GrainStateKey key,
        string? expectedETag)
    {
        var current = ReadCurrent(connection, transaction, key);
        if (!string.Equals(current?.ETag, expectedETag, StringComparison.Ordinal))
        {
            throw Mismatch("clear", key, current?.ETag, expectedETag);
        }

        if (current is not null)
        {
            Statement(connection, transaction, SqliteSchema.DeleteState, KeyParameters(key)).ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Longest encoded state kept in its own row; a longer one is kept in <c>state_content</c> (schema migration 9,
    /// which moved the rows stored before with the same bound). A row of the WITHOUT ROWID <c>grain_state</c> is its
    /// key, and a key that spills to overflow pages is read whole whenever a search for another key meets it: 768 bytes
    /// and the key's own columns stay under the 1,002 bytes a 4 KiB page holds in place.
    /// </summary>
    internal const int LargestInlineState = 768;

    /// <summary>
    /// Puts a state longer than <see cref="LargestInlineState"/> in <c>state_content</c> (over the row it had, if
    /// any) and returns the row's id; a shorter one stays in its state's row: null (a content row the state had is
    /// removed by the schema's trigger when the state's row no longer names it).
    /// </summary>
    private static long? StoreContent(SqliteConnection connection, SqliteTransaction transaction, object encodedState,
        long? currentContentId)
    {
        if (!KeptApart(encodedState))
        {
            return null;
        }

        if (currentContentId is { } id)
        {
            Statement(connection, transaction, SqliteSchema.UpdateContent, ("$content", encodedState), ("$id", id))
                .ExecuteNonQuery();
            return id;
        }

        return (long)Statement(connection, transaction, SqliteSchema.InsertContent, ("$content", encodedState))
            .ExecuteScalar()!;
    }

    /// <summary>Whether <paramref name="encodedState"/> is longer than <see cref="LargestInlineState"/>.</summary>
    private static bool KeptApart(object encodedState) =>
        (encodedState is byte[] bytes ? bytes.Length : Encoding.UTF8.GetByteCount((string)encodedState))
        > LargestInlineState;

    private static int InsertMissingBatch(SqliteConnection connection, SqliteTransaction transaction,
        IReadOnlyList<SeedState> states, int start, int count, long updatedAt)
    {
        using var insertState = Command(connection, transaction, SqliteSchema.InsertStateIfMissing);
        var stateName = insertState.Parameters.Add("$stateName", SqliteType.Text);
        var grainId = insertState.Parameters.Add("$grainId", SqliteType.Text);
        var etag = insertState.Parameters.Add("$etag", SqliteType.Blob);
        var stateJson = insertState.Parameters.Add("$stateJson", SqliteType.Text);
        insertState.Parameters.AddWithValue("$updatedAt", updatedAt);
        var contentId = insertState.Parameters.Add("$contentId", SqliteType.Integer);
        insertState.Prepare();

        var inserted = 0;
        for (var i = start; i < start + count; i++)
        {
            var seed = states[i];
            ArgumentNullException.ThrowIfNull(seed, nameof(states));
            stateName.Value = seed.Key.StateName;
            grainId.Value = seed.Key.GrainId;
            etag.Value = SqliteStateCodec.NewETag();
            var encoded = SqliteStateCodec.Encode(seed.StateJson);
            if (KeptApart(encoded) && ReadCurrent(connection, transaction, seed.Key) is not null)
            {
                // A seed never writes over a stored state: its content is not stored only to be removed again.
                continue;
            }

            var content = StoreContent(connection, transaction, encoded, currentContentId: null);
            stateJson.SqliteType = encoded is byte[] || content is not null ? SqliteType.Blob : SqliteType.Text;
            stateJson.Value = content is null ? encoded : Array.Empty<byte>();
            contentId.Value = content is { } id ? id : DBNull.Value;
            if (insertState.ExecuteScalar() is long)
            {
                inserted++;
            }
        }

        return inserted;
    }

    private List<string> ReadKeyPage(string stateName, string? after)
    {
        using var connection = OpenForReading();
        using var command = after is null
            ? Command(connection, null, SqliteSchema.SelectFirstKeys,
                ("$stateName", stateName), ("$limit", KeyPageSize))
            : Command(connection, null, SqliteSchema.SelectKeysAfter,
                ("$stateName", stateName), ("$after", after), ("$limit", KeyPageSize));
        using var reader = command.ExecuteReader();
        var keys = new List<string>(KeyPageSize);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>The states of <paramref name="grainIds"/> still stored, in key order.</summary>
    private List<StoredRecord> ReadStates(string stateName, List<string> grainIds)
    {
        var records = new List<StoredRecord>(grainIds.Count);
        if (grainIds.Count == 0)
        {
            return records;
        }

        using var connection = OpenForReading();
        using var command = Command(connection, null, SqliteSchema.SelectStatesIn,
            ("$stateName", stateName), ("$grainIds", JsonSerializer.Serialize(grainIds)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(new StoredRecord(new GrainStateKey(stateName, reader.GetString(0)),
                StateAt(reader, 1)));
        }

        return records;
    }

    private static (string ETag, long Version, long? ContentId)? ReadCurrent(SqliteConnection connection,
        SqliteTransaction transaction, GrainStateKey key)
    {
        using var reader = Statement(connection, transaction, SqliteSchema.SelectCurrentVersion, KeyParameters(key))
            .ExecuteReader();
        return reader.Read()
            ? (SqliteStateCodec.ReadETag(reader, 0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2))
            : null;
    }

    private static InconsistentStateException Mismatch(string operation, GrainStateKey key, string? storedETag,
        string? expectedETag) =>
        new($"Cannot {operation} state '{key.StateName}' of grain '{key.GrainId}': the stored ETag is " +
            $"{Describe(storedETag)} but the caller expected {Describe(expectedETag)}.",
            storedETag, expectedETag);

    private static string Describe(string? etag) => etag is null ? "none (no state stored)" : $"'{etag}'";

    private static (string Name, object? Value)[] KeyParameters(GrainStateKey key) =>
        [("$stateName", key.StateName), ("$grainId", key.GrainId)];

    /// <summary>
    /// The write connection's prepared command for <paramref name="sql"/>, bound to <paramref name="transaction"/>
    /// and the given parameters. Not to be disposed by the caller: it lives as long as its connection (one per
    /// <see cref="SqliteWriteQueue"/>, used by its single writer thread), and preparing happens once per connection
    /// instead of on every write.
    /// </summary>
    internal static SqliteCommand Statement(SqliteConnection connection, SqliteTransaction transaction, string sql,
        params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var statements = PreparedStatements.GetOrCreateValue(connection);
        if (!statements.TryGetValue(sql, out var command))
        {
            command = Command(connection, transaction, sql);
            statements.Add(sql, command);
        }

        command.Transaction = transaction;
        var bound = command.Parameters;
        if (HasParameters(bound, parameters))
        {
            // The same statement with the same parameters as last time: new values only (a write ran this with new
            // parameter objects each time, some 2% of what a registration allocates).
            for (var i = 0; i < parameters.Length; i++)
            {
                bound[i].Value = parameters[i].Value ?? DBNull.Value;
            }
        }
        else
        {
            bound.Clear();
            foreach (var (name, value) in parameters)
            {
                bound.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        return command;
    }

    private static bool HasParameters(SqliteParameterCollection bound,
        ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (bound.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = BusyTimeoutMilliseconds / 1_000;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    // Stored as UTC ISO 8601 round-trip text: fixed width, so text order is time order.
    private static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);
}
