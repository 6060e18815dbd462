using Microsoft.Data.Sqlite;
using Registry.Abstractions.Persons;

namespace Registry.Storage.Sqlite;

/// <summary>
/// The access log's index by subject, kept in a file of its own beside the database and filled after the fact. Every
/// logged read of person data appends entries for subjects in no order; kept in the log's own table, the
/// <c>(subject, at)</c> index made each append touch a random page of a large b-tree inside the write queue's
/// transaction, and at national scale that was half of what a logged read cost (p99 of a marriage-record read 7-11 ms
/// with it, 3.7-5.2 ms without). Here the index is a separate SQLite file with its own writer: it reads the entries
/// appended past its watermark in steps, sorted by subject, and stores them with the new watermark in one
/// transaction, never holding the database's write lock. A read by subject takes the indexed entries up to the
/// watermark and scans the few appended since (by sequence), so it sees every committed entry whatever the index's
/// lag.
/// </summary>
/// <remarks>
/// The index is derived, never the record: its commits are not fsynced (<c>synchronous=NORMAL</c>, atomic but not
/// durable), a lost commit only moves the watermark back, and a file that is missing, damaged or was built from another
/// database (its watermark's entry is not the one it recorded) is dropped and built again from the log. Two processes
/// sharing the database share the file: each step re-reads the watermark inside its write transaction.
/// </remarks>
internal sealed class SqliteAccessLogSubjects : IDisposable
{
    private const int BusyTimeoutSeconds = 30;

    private const string Create = """
        CREATE TABLE IF NOT EXISTS subject_entry (
            subject  TEXT    NOT NULL,
            at       INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (subject, at, sequence)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS watermark (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            at       INTEGER NOT NULL
        );

        INSERT OR IGNORE INTO watermark (id, sequence, at) VALUES (1, 0, 0);
        """;

    private const string Drop = "DROP TABLE IF EXISTS subject_entry; DROP TABLE IF EXISTS watermark;";

    private const string SelectWatermark = "SELECT sequence, at FROM watermark WHERE id = 1;";

    private const string SelectLogAt = "SELECT at FROM access_log WHERE sequence = $sequence;";

    private const string SelectAppended = """
        SELECT sequence, at, subject FROM access_log
        WHERE sequence > $after
        ORDER BY sequence LIMIT $limit;
        """;

    private const string InsertEntry = """
        INSERT OR IGNORE INTO subject_entry (subject, at, sequence) VALUES ($subject, $at, $sequence);
        """;

    private const string UpdateWatermark = "UPDATE watermark SET sequence = $sequence, at = $at WHERE id = 1;";

    private const string SelectIndexed = """
        SELECT sequence FROM subject_entry
        WHERE subject = $subject AND (at, sequence) > ($afterAt, $afterSequence) AND at < $until
        ORDER BY at, sequence LIMIT $limit;
        """;

    private const string SelectRowsIn = """
        SELECT sequence, at, actor, action, subject, record_id FROM access_log
        WHERE sequence IN (SELECT value FROM json_each($sequences));
        """;

    // NOT INDEXED: the sequence (rowid) range is the narrow one, and it stays usable; the planner would otherwise
    // prefer the time index and walk the whole period.
    private const string SelectTail = """
        SELECT sequence, at, actor, action, subject, record_id FROM access_log NOT INDEXED
        WHERE sequence > $watermark AND subject = $subject
          AND (at, sequence) > ($afterAt, $afterSequence) AND at < $until
        ORDER BY at, sequence LIMIT $limit;
        """;

    private readonly string connectionString;
    private readonly Func<SqliteConnection> openLog;
    private readonly SemaphoreSlim wake = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly object stepGate = new();
    private readonly List<(long Sequence, TaskCompletionSource Indexed)> waiters = [];
    private Task? follower;
    private long indexedThrough;
    private int signalled;
    private bool disposed;

    /// <param name="databasePath">The database whose log is indexed; the index is the file beside it named by
    /// <see cref="PathFor"/>.</param>
    /// <param name="openLog">Opens a connection for reading the database.</param>
    /// <param name="stepSize">The most entries one index transaction takes in.</param>
    public SqliteAccessLogSubjects(string databasePath, Func<SqliteConnection> openLog, int stepSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        Path = PathFor(databasePath);
        this.openLog = openLog;
        StepSize = stepSize;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The index file.</summary>
    public string Path { get; }

    /// <summary>The most entries one step indexes.</summary>
    public int StepSize { get; }

    /// <summary>The index file of the database at <paramref name="databasePath"/>: <c>registry.db</c> has
    /// <c>registry.access-log-subjects.db</c>.</summary>
    public static string PathFor(string databasePath) =>
        System.IO.Path.ChangeExtension(System.IO.Path.GetFullPath(databasePath), null) + ".access-log-subjects.db";

    /// <summary>
    /// Creates the index file or checks the one there against the log (see the remarks of the class): one built from
    /// another database, or one that cannot be read, is dropped and starts again from the first entry.
    /// </summary>
    public void Initialize()
    {
        try
        {
            Prepare();
        }
        catch (SqliteException)
        {
            // Damaged or not a database at all: it is only derived, so it goes.
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            {
                File.Delete(file);
            }

            Prepare();
        }
    }

    /// <summary>Starts following the log: each <see cref="Signal"/> is followed by steps until the index has caught
    /// up; a step that fails is tried again at the next signal (the reads stay complete meanwhile).</summary>
    public void Follow()
    {
        follower ??= Task.Run(FollowAsync);
        Signal();
    }

    /// <summary>New entries were committed: the follower indexes them soon.</summary>
    public void Signal()
    {
        if (Interlocked.Exchange(ref signalled, 1) == 0)
        {
            wake.Release();
        }
    }

    /// <summary>Completes once the follower has indexed the entries up to <paramref name="sequence"/>.</summary>
    public Task WhenIndexedAsync(long sequence)
    {
        TaskCompletionSource indexed;
        lock (waiters)
        {
            if (Volatile.Read(ref indexedThrough) >= sequence)
            {
                return Task.CompletedTask;
            }

            indexed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((sequence, indexed));
        }

        Signal();
        return indexed.Task;
    }

    /// <summary>Indexes every entry committed so far, in steps; the number indexed.</summary>
    public long CatchUp()
    {
        long indexed = 0;
        int step;
        do
        {
            step = Step();
            indexed += step;
        }
        while (step == StepSize && !stopping.IsCancellationRequested);

        return indexed;
    }

    /// <summary>How far the index has come: the sequence of the last entry it holds (0 when none).</summary>
    public long Watermark()
    {
        using var connection = OpenIndex();
        using var select = SqliteGrainStateStore.Command(connection, null, SelectWatermark);
        using var reader = select.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : 0;
    }

    /// <summary>
    /// The entries of <paramref name="subject"/> after <paramref name="after"/> and before <paramref name="until"/>,
    /// at most <paramref name="limit"/> in (time, sequence) order: those indexed (and the watermark, in one snapshot of the
    /// index), then those appended past the watermark, merged.
    /// </summary>
    public List<AccessLogRow> Read(string subject, AccessLogPosition after, DateTimeOffset until, int limit,
        CancellationToken cancellationToken)
    {
        long watermark;
        var indexed = new List<long>();
        using (var index = OpenIndex())
        using (var snapshot = index.BeginTransaction(deferred: true))
        {
            using (var select = SqliteGrainStateStore.Command(index, snapshot, SelectWatermark))
            using (var reader = select.ExecuteReader())
            {
                watermark = reader.Read() ? reader.GetInt64(0) : 0;
            }

            using var entries = SqliteGrainStateStore.Command(index, snapshot, SelectIndexed,
                ("$subject", subject), ("$afterAt", after.At.UtcTicks), ("$afterSequence", after.Sequence),
                ("$until", until.UtcTicks), ("$limit", limit));
            using var rows = entries.ExecuteReader();
            while (rows.Read())
            {
                indexed.Add(rows.GetInt64(0));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var log = openLog();
        var found = new List<AccessLogRow>(indexed.Count);
        if (indexed.Count > 0)
        {
            using var select = SqliteGrainStateStore.Command(log, null, SelectRowsIn,
                ("$sequences", "[" + string.Join(',', indexed) + "]"));
            ReadRows(select, found);
        }

        using (var tail = SqliteGrainStateStore.Command(log, null, SelectTail,
                   ("$watermark", watermark), ("$subject", subject), ("$afterAt", after.At.UtcTicks),
                   ("$afterSequence", after.Sequence), ("$until", until.UtcTicks), ("$limit", limit)))
        {
            ReadRows(tail, found);
        }

        found.Sort(static (a, b) =>
        {
            var byTime = a.Entry.At.UtcTicks.CompareTo(b.Entry.At.UtcTicks);
            return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
        });
        if (found.Count > limit)
        {
            found.RemoveRange(limit, found.Count - limit);
        }

        return found;
    }

    /// <summary>Stops the follower (waiting for its step) and releases the index file.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stopping.Cancel();
        try
        {
            follower?.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting for a signal
        }

        stopping.Dispose();
        wake.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
    }

    internal static void ReadRows(SqliteCommand command, List<AccessLogRow> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(new AccessLogRow(reader.GetInt64(0), new AccessLogEntry(
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))));
        }
    }

    private async Task FollowAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            await wake.WaitAsync(stopping.Token);
            Volatile.Write(ref signalled, 0);
            try
            {
                CatchUp();
                ReleaseWaiters();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A full disk, a busy or damaged file: the entries stay in the log, read past the watermark, and the
                // next signal tries again. The index is an economy of reads, never a condition of a write.
            }
        }
    }

    private void ReleaseWaiters()
    {
        lock (waiters)
        {
            var through = Volatile.Read(ref indexedThrough);
            foreach (var waiter in waiters.Where(w => w.Sequence <= through))
            {
                waiter.Indexed.TrySetResult();
            }

            waiters.RemoveAll(w => w.Sequence <= through);
        }
    }

    private void Prepare()
    {
        using var connection = OpenIndex();
        using (var journal = SqliteGrainStateStore.Command(connection, null, "PRAGMA journal_mode = WAL;"))
        {
            journal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = SqliteGrainStateStore.Command(connection, transaction, Create))
        {
            create.ExecuteNonQuery();
        }

        var (sequence, at) = ReadWatermark(connection, transaction);
        if (sequence > 0 && LogAt(sequence) != at)
        {
            using var drop = SqliteGrainStateStore.Command(connection, transaction, Drop + Create);
            drop.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private long? LogAt(long sequence)
    {
        using var log = openLog();
        using var select = SqliteGrainStateStore.Command(log, null, SelectLogAt, ("$sequence", sequence));
        return select.ExecuteScalar() is long at ? at : null;
    }

    /// <summary>One step: the next <see cref="StepSize"/> entries past the watermark, stored in subject order with the
    /// new watermark in one transaction. One step at a time in this process; across processes the write lock taken
    /// first orders them.</summary>
    private int Step()
    {
        lock (stepGate)
        {
            using var connection = OpenIndex();
            using var transaction = connection.BeginTransaction(deferred: false);
            var (after, _) = ReadWatermark(connection, transaction);
            var appended = new List<(long Sequence, long At, string Subject)>(StepSize);
            using (var log = openLog())
            using (var select = SqliteGrainStateStore.Command(log, null, SelectAppended,
                       ("$after", after), ("$limit", StepSize)))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    appended.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
                }
            }

            if (appended.Count == 0)
            {
                Volatile.Write(ref indexedThrough, after);
                return 0;
            }

            var last = appended[^1];
            appended.Sort(static (a, b) =>
            {
                var bySubject = string.CompareOrdinal(a.Subject, b.Subject);
                return bySubject != 0 ? bySubject : a.Sequence.CompareTo(b.Sequence);
            });
            using (var insert = SqliteGrainStateStore.Command(connection, transaction, InsertEntry,
                       ("$subject", ""), ("$at", 0L), ("$sequence", 0L)))
            {
                insert.Prepare();
                foreach (var (sequence, at, subject) in appended)
                {
                    insert.Parameters["$subject"].Value = subject;
                    insert.Parameters["$at"].Value = at;
                    insert.Parameters["$sequence"].Value = sequence;
                    insert.ExecuteNonQuery();
                }
            }

            using (var update = SqliteGrainStateStore.Command(connection, transaction, UpdateWatermark,
                       ("$sequence", last.Sequence), ("$at", last.At)))
            {
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            Volatile.Write(ref indexedThrough, last.Sequence);
            return appended.Count;
        }
    }

    private static (long Sequence, long At) ReadWatermark(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = SqliteGrainStateStore.Command(connection, transaction, SelectWatermark);
        using var reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    private SqliteConnection OpenIndex()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = SqliteGrainStateStore.Command(connection, null,
                $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutSeconds * 1_000};");
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
