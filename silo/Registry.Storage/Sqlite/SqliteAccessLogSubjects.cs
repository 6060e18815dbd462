using Microsoft.Data.Sqlite;
using Registry.Abstractions.Persons;

namespace Registry.Storage.Sqlite;

/// <summary>
/// The access log's index by subject, kept in a file of its own beside the database and filled after the fact, in
/// sorted runs. Every logged read of person data appends entries for subjects in no order. Kept as one b-tree, each
/// entry lands on a random page, and SQLite writes every page a commit touched whole into its WAL: inside the log's
/// own table that was some 4 KiB written per entry within the write queue's transaction, half of what a logged read
/// cost at national scale (p99 of a marriage-record read 7-11 ms with it, 3.7-5.2 ms without); filled in small steps
/// by a writer of its own, it still wrote as much and fell behind (some 30,000 entries a second).
/// </summary>
/// <remarks>
/// <para>The entries appended since the last run are not indexed at all: a read by subject scans them by sequence
/// (the log's rowid), at most a few times <see cref="Settings.FlushSize"/> of them. Once that many have come, the follower sorts
/// them by subject and stores them as a new run (a run is a prefix of the key, and a new run's number is the largest,
/// so its pages are written once, in order) together with the new watermark, in one transaction. When
/// <see cref="Settings.Fanout"/> runs of one level have gathered, they are merged into one run of the next level, again
/// written in order; runs of <see cref="Settings.MergedLevels"/> levels up are left as they are, so a merge stays bounded. A
/// read seeks the subject in each run, then merges what it found with the scan of the entries past the watermark.</para>
/// <para>The index is derived, never the record: its commits are not fsynced (<c>synchronous=NORMAL</c>, atomic but
/// not durable), a lost commit only moves the watermark back, and a file that is missing, damaged, of another layout
/// or built from another database (the entry at its watermark is not the one it recorded) is dropped and built again
/// from the log. Two processes sharing the database share the file: each change re-reads the state it depends on
/// inside its write transaction. Nothing here holds the database's write lock.</para>
/// <para>Thread-safe: reads run concurrently, each on its own pooled connections; changes (a run stored, a range of
/// a merge moved) are serialized in the process by one lock and across processes by the file's write lock.</para>
/// </remarks>
internal sealed class SqliteAccessLogSubjects : IDisposable
{
    private const int BusyTimeoutSeconds = 30;

    // SQLite's result codes for a file that is damaged or not a database.
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    // PRAGMA user_version of the index file: a file of another layout is dropped and built again.
    private const int Layout = 2;

    // The most entries one run takes in when a backlog is indexed (the first start on a database of an earlier build,
    // or after the file was lost): the entries are held in memory while they are sorted.
    private const int LargestFlush = 1 << 20;

    private const string Create = """
        CREATE TABLE subject_run (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            level   INTEGER NOT NULL,
            entries INTEGER NOT NULL
        );

        CREATE TABLE subject_entry (
            run      INTEGER NOT NULL,
            subject  TEXT    NOT NULL,
            at       INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (run, subject, at, sequence)
        ) WITHOUT ROWID;

        CREATE TABLE watermark (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            at       INTEGER NOT NULL
        );

        INSERT INTO watermark (id, sequence, at) VALUES (1, 0, 0);
        """;

    private const string DropAll = """
        DROP TABLE IF EXISTS subject_entry;
        DROP TABLE IF EXISTS subject_run;
        DROP TABLE IF EXISTS watermark;
        """;

    private const string SelectWatermark = "SELECT sequence, at FROM watermark WHERE id = 1;";

    private const string SelectLogAt = "SELECT at FROM access_log WHERE sequence = $sequence;";

    private const string SelectLastSequence = "SELECT COALESCE(MAX(sequence), 0) FROM access_log;";

    private const string SelectAppended = """
        SELECT sequence, at, subject FROM access_log
        WHERE sequence > $after
        ORDER BY sequence LIMIT $limit;
        """;

    private const string InsertRun = "INSERT INTO subject_run (level, entries) VALUES ($level, $entries) RETURNING id;";

    private const string InsertEntry = """
        INSERT INTO subject_entry (run, subject, at, sequence) VALUES ($run, $subject, $at, $sequence);
        """;

    private const string UpdateWatermark = "UPDATE watermark SET sequence = $sequence, at = $at WHERE id = 1;";

    private const string SelectRuns = "SELECT id, level, entries FROM subject_run ORDER BY level, id;";

    // The subject that starts the next range of a merge: the one $offset entries on in the guiding run.
    private const string SelectRangeEnd = """
        SELECT subject FROM subject_entry
        WHERE run = $run AND subject > $from
        ORDER BY subject, at, sequence LIMIT 1 OFFSET $offset;
        """;

    private const string MoveRangeBelow = """
        INSERT INTO subject_entry (run, subject, at, sequence)
        SELECT $merged, subject, at, sequence FROM subject_entry
        WHERE run IN (SELECT value FROM json_each($runs)) AND subject >= $from AND subject < $until
        ORDER BY subject, at, sequence;

        UPDATE subject_run SET entries = entries + changes() WHERE id = $merged;

        DELETE FROM subject_entry
        WHERE run IN (SELECT value FROM json_each($runs)) AND subject >= $from AND subject < $until;
        """;

    private const string MoveLastRange = """
        INSERT INTO subject_entry (run, subject, at, sequence)
        SELECT $merged, subject, at, sequence FROM subject_entry
        WHERE run IN (SELECT value FROM json_each($runs)) AND subject >= $from
        ORDER BY subject, at, sequence;

        UPDATE subject_run SET entries = entries + changes() WHERE id = $merged;

        DELETE FROM subject_entry WHERE run IN (SELECT value FROM json_each($runs));
        DELETE FROM subject_run WHERE id IN (SELECT value FROM json_each($runs));
        """;

    // One seek per run (the run leads the key), then the few found sorted by time.
    private const string SelectIndexed = """
        SELECT sequence FROM subject_entry
        WHERE run IN (SELECT id FROM subject_run) AND subject = $subject
          AND (at, sequence) > ($afterAt, $afterSequence) AND at < $until
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
    private readonly Settings settings;
    private readonly Lock changeGate = new();
    private readonly Lock mergeGate = new();
    private readonly List<(long Sequence, TaskCompletionSource Indexed)> waiters = [];
    private Task? follower;
    private long indexedThrough;
    private long unindexed;
    private int signalled;
    private bool disposed;

    /// <param name="databasePath">The database whose log is indexed; the index is the file beside it named by
    /// <see cref="PathFor"/>.</param>
    /// <param name="openLog">Opens a connection for reading the database.</param>
    /// <param name="settings">The sizes of runs and merges (see the remarks of the class).</param>
    public SqliteAccessLogSubjects(string databasePath, Func<SqliteConnection> openLog, Settings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.FlushSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Fanout, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.MergedLevels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MergeChunk);
        Path = PathFor(databasePath);
        this.openLog = openLog;
        this.settings = settings;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The sizes of the index's runs and merges.</summary>
    /// <param name="FlushSize">How many appended entries make a run; a read by subject scans about this many
    /// unindexed at most.</param>
    /// <param name="Fanout">How many runs of one level are merged into one run of the next.</param>
    /// <param name="MergedLevels">The levels that are merged: runs of <paramref name="FlushSize"/> times
    /// <paramref name="Fanout"/> to this power entries or more stay as they are (with the defaults 4,194,304), and a
    /// read seeks each.</param>
    /// <param name="MergeChunk">About how many entries one transaction of a merge moves.</param>
    /// <param name="MergeChunksAtMost">For tests: a merge stops after this many of its ranges, as a process that
    /// stopped halfway would.</param>
    internal sealed record Settings(int FlushSize = 8_192, int Fanout = 8, int MergedLevels = 3,
        int MergeChunk = 65_536, int MergeChunksAtMost = int.MaxValue);

    /// <summary>The index file.</summary>
    public string Path { get; }

    /// <summary>The index file of the database at <paramref name="databasePath"/>: <c>registry.db</c> has
    /// <c>registry.access-log-subjects.db</c>.</summary>
    public static string PathFor(string databasePath) =>
        System.IO.Path.ChangeExtension(System.IO.Path.GetFullPath(databasePath), null) + ".access-log-subjects.db";

    /// <summary>
    /// Creates the index file or checks the one there against the log (see the remarks of the class): one of another
    /// layout, built from another database, or that cannot be read, is dropped and starts again from the first entry.
    /// </summary>
    public void Initialize()
    {
        try
        {
            Prepare();
        }
        catch (SqliteException error) when (error.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            // Damaged or not a database at all: it is only derived, so it goes. Not on any other failure (a file busy
            // in another process, a full disk): that process may be using it, and the store runs without it.
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            {
                File.Delete(file);
            }

            Prepare();
        }
    }

    /// <summary>Starts following the log: once <see cref="Settings.FlushSize"/> entries have been signalled (and once at the
    /// start, for what a previous process left), the follower stores them as a run and merges runs; a change that
    /// fails is tried again at the next wake (the reads stay complete meanwhile).</summary>
    public void Follow()
    {
        // A thread of its own: a run or a merge's range holds it for up to some hundred milliseconds of SQLite work,
        // which the thread pool (and the silo's scheduling on it) need not lend.
        follower ??= Task.Factory.StartNew(FollowLoop, CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        Wake();
    }

    /// <summary><paramref name="entries"/> more entries were committed: the follower stores a run once they add up to
    /// <see cref="Settings.FlushSize"/>.</summary>
    public void Signal(int entries)
    {
        if (Interlocked.Add(ref unindexed, entries) >= settings.FlushSize)
        {
            Wake();
        }
    }

    /// <summary>Completes once the follower has indexed the entries up to <paramref name="sequence"/> (which it does
    /// once there are <see cref="Settings.FlushSize"/> of them).</summary>
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

        Wake();
        return indexed.Task;
    }

    /// <summary>Indexes every entry committed so far, however few, and merges what is due; the number indexed.</summary>
    public long CatchUp()
    {
        long indexed = 0;
        int flushed;
        do
        {
            flushed = Flush(1);
            indexed += flushed;
        }
        while (flushed > 0 && !stopping.IsCancellationRequested);

        Merge();
        return indexed;
    }

    /// <summary>How far the index has come: the sequence of the last entry it holds (0 when none).</summary>
    public long Watermark()
    {
        using var connection = OpenIndexForReading();
        return ReadWatermark(connection, null).Sequence;
    }

    /// <summary>The runs the index holds now: level and entries of each, by level.</summary>
    public List<(int Level, long Entries)> Runs()
    {
        using var connection = OpenIndexForReading();
        return ReadRuns(connection, null).Select(r => (r.Level, r.Entries)).ToList();
    }

    /// <summary>
    /// The entries of <paramref name="subject"/> after <paramref name="after"/> and before <paramref name="until"/>,
    /// at most <paramref name="limit"/> in (time, sequence) order: those indexed (and the watermark, in one snapshot of
    /// the index), then those appended past the watermark, merged.
    /// </summary>
    public List<AccessLogRow> Read(string subject, AccessLogPosition after, DateTimeOffset until, int limit,
        CancellationToken cancellationToken)
    {
        long watermark;
        var indexed = new List<long>();
        using (var index = OpenIndexForReading())
        using (var snapshot = index.BeginTransaction(deferred: true))
        {
            watermark = ReadWatermark(index, snapshot).Sequence;

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
            SqliteGrainStateStore.ReadAccessLogRows(select, found);
        }

        using (var tail = SqliteGrainStateStore.Command(log, null, SelectTail,
                   ("$watermark", watermark), ("$subject", subject), ("$afterAt", after.At.UtcTicks),
                   ("$afterSequence", after.Sequence), ("$until", until.UtcTicks), ("$limit", limit)))
        {
            SqliteGrainStateStore.ReadAccessLogRows(tail, found);
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

    /// <summary>Stops the follower (waiting for the change it is making) and releases the index file.</summary>
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
            // stopped while waiting to be woken
        }

        stopping.Dispose();
        wake.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref signalled, 1) == 0)
        {
            wake.Release();
        }
    }

    private void FollowLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            wake.Wait(stopping.Token);
            Volatile.Write(ref signalled, 0);
            // Entries signalled from here on count toward the next run (some may make it into this one: the next
            // run then comes a little early).
            Interlocked.Exchange(ref unindexed, 0);
            try
            {
                while (Flush(settings.FlushSize) > 0 && !stopping.IsCancellationRequested)
                {
                }

                Merge();
                ReleaseWaiters();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A full disk, a busy or damaged file: the entries stay in the log, read past the watermark, and the
                // next wake tries again. The index is an economy of reads, never a condition of a write.
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
        long layout;
        using (var version = SqliteGrainStateStore.Command(connection, transaction, "PRAGMA user_version;"))
        {
            layout = (long)version.ExecuteScalar()!;
        }

        var rebuild = layout != Layout;
        if (!rebuild)
        {
            var (sequence, at) = ReadWatermark(connection, transaction);
            rebuild = sequence > 0 && LogAt(sequence) != at;
        }

        if (rebuild)
        {
            using var create = SqliteGrainStateStore.Command(connection, transaction,
                DropAll + Create + $"PRAGMA user_version = {Layout};");
            create.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private long? LogAt(long sequence)
    {
        using var log = openLog();
        using var select = SqliteGrainStateStore.Command(log, null, SelectLogAt, ("$sequence", sequence));
        return select.ExecuteScalar() is long at ? at : null;
    }

    /// <summary>
    /// Stores the entries past the watermark as one run, if there are at least <paramref name="atLeast"/> of them (at
    /// most <see cref="LargestFlush"/>), sorted by subject, with the new watermark, in one transaction; the number
    /// stored.
    /// </summary>
    private int Flush(int atLeast)
    {
        lock (changeGate)
        {
            using var connection = OpenIndex();
            using var transaction = connection.BeginTransaction(deferred: false);
            var (after, _) = ReadWatermark(connection, transaction);
            var appended = new List<(long Sequence, long At, string Subject)>();
            using (var log = openLog())
            {
                using (var last = SqliteGrainStateStore.Command(log, null, SelectLastSequence))
                {
                    var backlog = (long)last.ExecuteScalar()! - after;
                    if (backlog < Math.Max(1, atLeast))
                    {
                        Volatile.Write(ref indexedThrough, after);
                        return 0;
                    }
                }

                using var select = SqliteGrainStateStore.Command(log, null, SelectAppended,
                    ("$after", after), ("$limit", LargestFlush));
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    appended.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
                }
            }

            var newest = appended[^1];
            appended.Sort(static (a, b) =>
            {
                var bySubject = string.CompareOrdinal(a.Subject, b.Subject);
                if (bySubject != 0)
                {
                    return bySubject;
                }

                var byTime = a.At.CompareTo(b.At);
                return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
            });

            long run;
            using (var insertRun = SqliteGrainStateStore.Command(connection, transaction, InsertRun,
                       ("$level", LevelOf(appended.Count)), ("$entries", appended.Count)))
            {
                run = (long)insertRun.ExecuteScalar()!;
            }

            using (var insert = SqliteGrainStateStore.Command(connection, transaction, InsertEntry,
                       ("$run", run), ("$subject", ""), ("$at", 0L), ("$sequence", 0L)))
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
                       ("$sequence", newest.Sequence), ("$at", newest.At)))
            {
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            Volatile.Write(ref indexedThrough, newest.Sequence);
            return appended.Count;
        }
    }

    /// <summary>
    /// While a level below <see cref="Settings.MergedLevels"/> holds <see cref="Settings.Fanout"/> runs, merges them into one new run (of
    /// the level its size makes it), written in key order. A merge moves the entries a range of subjects at a time
    /// (about <see cref="Settings.MergeChunk"/> entries), each range in its own transaction, and stores the entries appended
    /// meanwhile between ranges: a merge of millions of entries neither holds the index's write lock nor lets the
    /// unindexed tail grow for its whole length. Every committed state has each entry in exactly one registered run
    /// (a range is inserted into the new run and deleted from the old ones together), so reads stay exact, also when
    /// a process stops halfway (the runs left are merged again later).
    /// </summary>
    private void Merge()
    {
        // One merge at a time in this process (the follower's and a CatchUp's would otherwise pick the same runs and
        // move each range twice over); runs are stored between its ranges all the same.
        lock (mergeGate)
        {
            MergeDue();
        }
    }

    private void MergeDue()
    {
        while (!stopping.IsCancellationRequested)
        {
            List<(long Id, int Level, long Entries)> due;
            long merged;
            lock (changeGate)
            {
                using var connection = OpenIndex();
                using var transaction = connection.BeginTransaction(deferred: false);
                var level = ReadRuns(connection, transaction).Where(r => r.Level < settings.MergedLevels).GroupBy(r => r.Level)
                    .FirstOrDefault(l => l.Count() >= settings.Fanout);
                if (level is null)
                {
                    return;
                }

                due = level.Take(settings.Fanout).ToList();
                var entries = due.Sum(r => r.Entries);
                // Registered empty: each range adds what it moved, so a merge stopped halfway leaves a true count.
                using (var insertRun = SqliteGrainStateStore.Command(connection, transaction, InsertRun,
                           ("$level", Math.Max(LevelOf(entries), due[0].Level + 1)), ("$entries", 0L)))
                {
                    merged = (long)insertRun.ExecuteScalar()!;
                }

                transaction.Commit();
            }

            var runIds = "[" + string.Join(',', due.Select(r => r.Id)) + "]";
            // The range boundaries come from the largest run, stepped by its share of a chunk.
            var guide = due.MaxBy(r => r.Entries).Id;
            var step = Math.Max(1,
                settings.MergeChunk * due.Max(r => r.Entries) / Math.Max(1, due.Sum(r => r.Entries)));
            string? from = "";
            var chunks = 0;
            while (from is not null)
            {
                if (stopping.IsCancellationRequested || ++chunks > settings.MergeChunksAtMost)
                {
                    return;
                }

                from = MoveRange(merged, runIds, guide, from, step);
                while (from is not null && Flush(settings.FlushSize) > 0 && !stopping.IsCancellationRequested)
                {
                }
            }
        }
    }

    /// <summary>Moves the entries of the runs <paramref name="runIds"/> whose subjects are from
    /// <paramref name="from"/> up to the subject <paramref name="step"/> entries on in run <paramref name="guide"/>
    /// into run <paramref name="merged"/>, in one transaction; the next range's first subject, or null after the
    /// last range (whose transaction also retires the merged runs).</summary>
    private string? MoveRange(long merged, string runIds, long guide, string from, long step)
    {
        lock (changeGate)
        {
            using var connection = OpenIndex();
            using var transaction = connection.BeginTransaction(deferred: false);
            string? until;
            using (var boundary = SqliteGrainStateStore.Command(connection, transaction, SelectRangeEnd,
                       ("$run", guide), ("$from", from), ("$offset", step)))
            {
                until = boundary.ExecuteScalar() as string;
            }

            using (var move = SqliteGrainStateStore.Command(connection, transaction,
                       until is null ? MoveLastRange : MoveRangeBelow,
                       ("$merged", merged), ("$runs", runIds), ("$from", from), ("$until", until)))
            using (stopping.Token.Register(move.Cancel))
            {
                move.ExecuteNonQuery();
            }

            transaction.Commit();
            return until;
        }
    }

    /// <summary>The level of a run of <paramref name="entries"/>: 0 below <see cref="Settings.FlushSize"/> times
    /// <see cref="Settings.Fanout"/>, one more for each further factor of <see cref="Settings.Fanout"/>.</summary>
    private int LevelOf(long entries)
    {
        var level = 0;
        for (var size = (long)settings.FlushSize * settings.Fanout; entries >= size && level < 62;
             size *= settings.Fanout)
        {
            level++;
        }

        return level;
    }

    private static List<(long Id, int Level, long Entries)> ReadRuns(SqliteConnection connection,
        SqliteTransaction? transaction)
    {
        using var select = SqliteGrainStateStore.Command(connection, transaction, SelectRuns);
        using var reader = select.ExecuteReader();
        var runs = new List<(long Id, int Level, long Entries)>();
        while (reader.Read())
        {
            runs.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2)));
        }

        return runs;
    }

    private static (long Sequence, long At) ReadWatermark(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var select = SqliteGrainStateStore.Command(connection, transaction, SelectWatermark);
        using var reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    // Not fsynced: the index is derived (see the remarks of the class).
    private SqliteConnection OpenIndex() => SqliteGrainStateStore.OpenWith(connectionString, "NORMAL");

    // A read sets nothing: the pragmas above matter to writes alone, and the connection string's timeout covers a
    // busy file.
    private SqliteConnection OpenIndexForReading() => SqliteGrainStateStore.OpenWith(connectionString, null);
}
