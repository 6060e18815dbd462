namespace Registry.Storage.Sqlite;

/// <summary>The SQLite schema, as numbered migrations applied in order and recorded in <c>schema_version</c>.</summary>
internal static class SqliteSchema
{
    public const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_at TEXT    NOT NULL
        );
        """;

    public const string SelectVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";

    public const string RecordVersion = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $appliedAt);";

    /// <summary>Migration n (1-based) brings the schema from version n - 1 to n. Never edit a released entry.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: current state per record, and the append-only history of every version written or cleared.
        // grain_state keeps rowids (no WITHOUT ROWID) because states can be megabytes long.
        """
        CREATE TABLE grain_state (
            state_name TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            etag       TEXT    NOT NULL,
            state_json TEXT    NOT NULL,
            updated_at TEXT    NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );

        CREATE TABLE grain_history (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            state_name  TEXT    NOT NULL,
            grain_id    TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            etag        TEXT    NULL,
            operation   TEXT    NOT NULL,
            actor       TEXT    NOT NULL,
            reason      TEXT    NULL,
            recorded_at TEXT    NOT NULL,
            state_json  TEXT    NULL
        );

        CREATE INDEX ix_grain_history_key ON grain_history (state_name, grain_id, id);

        CREATE TRIGGER grain_history_no_update BEFORE UPDATE ON grain_history
        BEGIN
            SELECT RAISE(ABORT, 'grain_history is append-only');
        END;

        CREATE TRIGGER grain_history_no_delete BEFORE DELETE ON grain_history
        BEGIN
            SELECT RAISE(ABORT, 'grain_history is append-only');
        END;
        """,

        // 2: Orleans reminders of the embedded (localhost-clustered) silo; grain_hash is the uniform hash Orleans
        // partitions reminders by across silos.
        """
        CREATE TABLE reminders (
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      TEXT    NOT NULL,
            period_ms     INTEGER NOT NULL,
            etag          TEXT    NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        );

        CREATE INDEX ix_reminders_hash ON reminders (grain_hash);
        """,

        // 3: the storage history copy is retired: a record's history lives in its own state (its events). A
        // database whose grain_history still holds rows is moved by `migrate-storage`, which archives and verifies
        // them first; the store refuses to apply this step over rows (see HistoryHasRows).
        """
        DROP TRIGGER IF EXISTS grain_history_no_update;
        DROP TRIGGER IF EXISTS grain_history_no_delete;
        DROP TABLE IF EXISTS grain_history;
        """,

        // 4: the outbox: one row per committed write of a state that feeds a read model, added in the write's own
        // transaction and deleted once the relay has published it. claimed_by/claimed_until lease a row to one
        // relay (another takes it over when the lease has run out).
        """
        CREATE TABLE outbox (
            sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
            state_name    TEXT    NOT NULL,
            grain_id      TEXT    NOT NULL,
            version       INTEGER NOT NULL,
            claimed_by    TEXT    NULL,
            claimed_until TEXT    NULL
        );
        """,

        // 5: the access log, one row per read of person data, appended and never rewritten (earlier builds kept a
        // (day, shard) state whose whole list was rewritten on every append). Times are UTC ticks, exact and
        // compact; the indexes serve the three ways it is read: by subject, by actor, by period, each in time order
        // (the rowid, which is the sequence, breaks ties).
        """
        CREATE TABLE access_log (
            sequence  INTEGER PRIMARY KEY,
            at        INTEGER NOT NULL,
            actor     TEXT    NOT NULL,
            action    TEXT    NOT NULL,
            subject   TEXT    NOT NULL,
            record_id TEXT    NULL
        );

        CREATE INDEX ix_access_log_subject ON access_log (subject, at);
        CREATE INDEX ix_access_log_actor ON access_log (actor, at);
        CREATE INDEX ix_access_log_at ON access_log (at);

        CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
        BEGIN
            SELECT RAISE(ABORT, 'access_log is append-only');
        END;

        CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
        BEGIN
            SELECT RAISE(ABORT, 'access_log is append-only');
        END;
        """,

        // 6: compact row bookkeeping. Every record pays it on every row, so at national scale it is a large share of
        // the disk: the ETag becomes eight random bytes (a BLOB, not a 32-digit GUID text) and updated_at UTC
        // milliseconds since 1970 (an INTEGER, not 33 characters of ISO text). The declared types change, which
        // SQLite can only do by copying the table: rows keep their ETags (text ones stay text and still match what
        // their grains hold) and their times, converted. BLOB affinity keeps each state as written, text or
        // compressed. The copy runs once, in the migration's transaction, in key order (which also packs the pages).
        """
        CREATE TABLE grain_state_compact (
            state_name TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            etag       BLOB    NOT NULL,
            state_json BLOB    NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );

        INSERT INTO grain_state_compact (state_name, grain_id, version, etag, state_json, updated_at)
        SELECT state_name, grain_id, version, etag, state_json,
               COALESCE(CAST(ROUND((julianday(updated_at) - 2440587.5) * 86400000.0) AS INTEGER), 0)
        FROM grain_state
        ORDER BY state_name, grain_id;

        DROP TABLE grain_state;
        ALTER TABLE grain_state_compact RENAME TO grain_state;
        """,

        // 7: Zstandard dictionaries, each trained from the stored states of one state name once it has enough of
        // them (see SqliteStateDictionary). A value compressed with one names its id, so a dictionary is never
        // changed or removed: a better one is a new row, and values keep the one they were written with. Rows of
        // earlier schemas (text or Brotli) are left as they are and read as before.
        """
        CREATE TABLE compression_dictionary (
            id         INTEGER PRIMARY KEY,
            state_name TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            samples    INTEGER NOT NULL,
            content    BLOB    NOT NULL
        );

        CREATE TRIGGER compression_dictionary_no_update BEFORE UPDATE ON compression_dictionary
        BEGIN
            SELECT RAISE(ABORT, 'compression_dictionary is append-only');
        END;

        CREATE TRIGGER compression_dictionary_no_delete BEFORE DELETE ON compression_dictionary
        BEGIN
            SELECT RAISE(ABORT, 'compression_dictionary is append-only');
        END;
        """,

        // 8: grain_state keyed by its primary key alone (WITHOUT ROWID). With rowids, every row's key was kept twice,
        // in the table and in the primary-key index, and every read searched both: at the benchmark's 155,000
        // marriage records the index alone was 46 MB, 297 bytes a record, a quarter of the file once states were
        // compressed against their dictionaries. Rows are now small enough to sit in the key's b-tree (a large state
        // spills to overflow pages as it did before). The copy runs once, in the migration's transaction, in key
        // order (which packs the pages); ETags, versions, states and times are copied unchanged.
        """
        CREATE TABLE grain_state_keyed (
            state_name TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            etag       BLOB    NOT NULL,
            state_json BLOB    NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;

        INSERT INTO grain_state_keyed (state_name, grain_id, version, etag, state_json, updated_at)
        SELECT state_name, grain_id, version, etag, state_json, updated_at
        FROM grain_state
        ORDER BY state_name, grain_id;

        DROP TABLE grain_state;
        ALTER TABLE grain_state_keyed RENAME TO grain_state;
        """,

        // 9: large states out of the key's b-tree. In a WITHOUT ROWID table the whole row is the key, so a row that
        // spills to overflow pages is read whole (every overflow page) each time a search for another key compares
        // with it, and such rows also become separators in the b-tree's interior pages. At national scale the 16
        // place-name snapshots (up to 5.9 MB each) and the 32 organization-index snapshots (hundreds of KB) sit beside
        // keys written thousands of times a second: the national organization import fell from 2,000 to some 330 rows
        // a second with the process copying overflow pages (sqlite3BtreeIndexMoveto -> accessPayload). A state longer
        // than SqliteGrainStateStore.LargestInlineState bytes is now kept in state_content (a rowid table, whose
        // interior pages hold only integers) and its row names it in content_id with an empty state_json; the rows
        // stored so far move once, here. The triggers remove a content row its state no longer names.
        """
        CREATE TABLE state_content (
            id      INTEGER PRIMARY KEY,
            content BLOB    NOT NULL
        );

        ALTER TABLE grain_state ADD COLUMN content_id INTEGER NULL;

        CREATE TEMP TABLE large_state AS
        SELECT state_name, grain_id, ROW_NUMBER() OVER (ORDER BY state_name, grain_id) AS id
        FROM grain_state
        WHERE length(CAST(state_json AS BLOB)) > 768;

        INSERT INTO state_content (id, content)
        SELECT l.id, g.state_json
        FROM temp.large_state l JOIN grain_state g ON g.state_name = l.state_name AND g.grain_id = l.grain_id
        ORDER BY l.id;

        UPDATE grain_state SET content_id = l.id, state_json = x''
        FROM temp.large_state l
        WHERE grain_state.state_name = l.state_name AND grain_state.grain_id = l.grain_id;

        DROP TABLE temp.large_state;

        CREATE TRIGGER grain_state_content_cleared AFTER DELETE ON grain_state
        WHEN old.content_id IS NOT NULL
        BEGIN
            DELETE FROM state_content WHERE id = old.content_id;
        END;

        CREATE TRIGGER grain_state_content_replaced AFTER UPDATE OF content_id ON grain_state
        WHEN old.content_id IS NOT NULL AND old.content_id IS NOT new.content_id
        BEGIN
            DELETE FROM state_content WHERE id = old.content_id;
        END;
        """,

        // 10: the access log's subject index leaves the table for a file of its own, filled after the fact
        // (SqliteAccessLogSubjects): subjects arrive in no order, and keeping this index inside every append's
        // transaction made each logged read touch a random page of a b-tree as large as the log. A database moved
        // here is indexed again from its first entry by the first silo that opens it.
        """
        DROP INDEX IF EXISTS ix_access_log_subject;
        """,
    ];

    /// <summary>The migration that drops <c>grain_history</c> (1-based).</summary>
    public const int HistoryRetirementVersion = 3;

    /// <summary>1 when the retired <c>grain_history</c> table still exists, else 0.</summary>
    public const string HistoryTableExists =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'grain_history';";

    /// <summary>1 when <c>grain_history</c> holds at least one row (only valid while the table exists).</summary>
    public const string HistoryHasRows = "SELECT EXISTS (SELECT 1 FROM grain_history);";

    /// <summary>A state's value wherever it is kept: in its row, or in <c>state_content</c> (migration 9); over
    /// <see cref="StatesWithContent"/>.</summary>
    internal const string StateValue = "COALESCE(c.content, g.state_json)";

    /// <summary>The states (<c>g</c>) with the content rows (<c>c</c>) their long values are kept in.</summary>
    internal const string StatesWithContent = "grain_state g LEFT JOIN state_content c ON c.id = g.content_id";

    public const string SelectState = $"""
        SELECT g.etag, g.version, {StateValue} FROM {StatesWithContent}
        WHERE g.state_name = $stateName AND g.grain_id = $grainId;
        """;

    public const string SelectCurrentVersion = """
        SELECT etag, version, content_id FROM grain_state
        WHERE state_name = $stateName AND grain_id = $grainId;
        """;

    public const string InsertState = """
        INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at, content_id)
        VALUES ($stateName, $grainId, $version, $etag, $stateJson, $updatedAt, $contentId);
        """;

    public const string UpdateState = """
        UPDATE grain_state
        SET version = $version, etag = $etag, state_json = $stateJson, updated_at = $updatedAt, content_id = $contentId
        WHERE state_name = $stateName AND grain_id = $grainId;
        """;

    public const string InsertContent = "INSERT INTO state_content (content) VALUES ($content) RETURNING id;";

    public const string UpdateContent = "UPDATE state_content SET content = $content WHERE id = $id;";

    public const string DeleteState = """
        DELETE FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId;
        """;

    // RETURNING yields no row when the key exists: that is how seeding counts what it inserted.
    public const string InsertStateIfMissing = """
        INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at, content_id)
        VALUES ($stateName, $grainId, 1, $etag, $stateJson, $updatedAt, $contentId)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        RETURNING version;
        """;

    public const string SelectDictionaries = "SELECT id, state_name, content FROM compression_dictionary ORDER BY id;";

    public const string SelectDictionary = "SELECT id, state_name, content FROM compression_dictionary WHERE id = $id;";

    public const string InsertDictionary = """
        INSERT INTO compression_dictionary (state_name, created_at, samples, content)
        VALUES ($stateName, $createdAt, $samples, $content)
        RETURNING id;
        """;

    public const string InsertOutbox = """
        INSERT INTO outbox (state_name, grain_id, version) VALUES ($stateName, $grainId, $version);
        """;

    // Times are fixed-width UTC text, so text comparison is time comparison. RETURNING gives no order: the caller
    // sorts.
    public const string ClaimOutbox = """
        UPDATE outbox SET claimed_by = $claimant, claimed_until = $until
        WHERE sequence IN (
            SELECT sequence FROM outbox
            WHERE claimed_until IS NULL OR claimed_until <= $now OR claimed_by = $claimant
            ORDER BY sequence LIMIT $limit)
        RETURNING sequence, state_name, grain_id, version;
        """;

    public const string DeleteOutbox = """
        DELETE FROM outbox WHERE sequence IN (SELECT value FROM json_each($sequences));
        """;

    public const string InsertAccessLog = """
        INSERT INTO access_log (at, actor, action, subject, record_id)
        VALUES ($at, $actor, $action, $subject, $recordId);
        """;

    /// <summary>
    /// The access-log read, with <see cref="AccessLogSubjectFilter"/> and/or <see cref="AccessLogActorFilter"/> put
    /// in for <c>{0}</c>: separate texts rather than <c>$x IS NULL OR ...</c>, so that the planner picks the index of
    /// the filter that is there.
    /// </summary>
    public const string SelectAccessLog = """
        SELECT sequence, at, actor, action, subject, record_id FROM access_log
        WHERE (at, sequence) > ($afterAt, $afterSequence) AND at < $until{0}
        ORDER BY at, sequence LIMIT $limit;
        """;

    public const string AccessLogSubjectFilter = " AND subject = $subject";

    public const string AccessLogActorFilter = " AND actor = $actor";

    public const string SelectFirstKeys = """
        SELECT grain_id FROM grain_state
        WHERE state_name = $stateName
        ORDER BY grain_id LIMIT $limit;
        """;

    public const string SelectStatesIn = $"""
        SELECT g.grain_id, g.etag, g.version, {StateValue} FROM {StatesWithContent}
        WHERE g.state_name = $stateName AND g.grain_id IN (SELECT value FROM json_each($grainIds))
        ORDER BY g.grain_id;
        """;

    public const string SelectStatesInRange = $"""
        SELECT g.grain_id, g.etag, g.version, {StateValue} FROM {StatesWithContent}
        WHERE g.state_name = $stateName AND g.grain_id >= $from AND g.grain_id < $until
        ORDER BY g.grain_id;
        """;

    public const string SelectKeysAfter = """
        SELECT grain_id FROM grain_state
        WHERE state_name = $stateName AND grain_id > $after
        ORDER BY grain_id LIMIT $limit;
        """;
}
