using System.Text.RegularExpressions;

namespace Registry.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL schema of one store, as numbered migrations applied in order and recorded in
/// <c>schema_version</c>, and the statements the store runs. Every name is qualified with the store's schema, which
/// is checked to be a plain lower-case identifier so that it can be written into SQL text safely.
/// </summary>
internal sealed partial class PostgreSqlSchema
{
    public PostgreSqlSchema(string schema)
    {
        if (!IdentifierPattern().IsMatch(schema))
        {
            throw new ArgumentException(
                $"The PostgreSQL schema name '{schema}' must be a lower-case identifier: a letter or '_', then up to " +
                "62 letters, digits or '_'.", nameof(schema));
        }

        Name = schema;
        var s = schema;
        Migrations =
        [
            // 1: current state per record as JSONB, and the append-only history of every version written or cleared.
            // Keys use the "C" collation so that key order is byte (ordinal) order whatever the database's locale.
            // The unique (state_name, grain_id, version) makes two different contents for one version impossible.
            $"""
            CREATE TABLE {s}.grain_state (
                state_name text COLLATE "C" NOT NULL,
                grain_id   text COLLATE "C" NOT NULL,
                version    bigint      NOT NULL,
                etag       text        NOT NULL,
                state      jsonb       NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            );

            CREATE TABLE {s}.grain_history (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                state_name  text COLLATE "C" NOT NULL,
                grain_id    text COLLATE "C" NOT NULL,
                version     bigint      NOT NULL,
                etag        text        NULL,
                operation   text        NOT NULL,
                actor       text        NOT NULL,
                reason      text        NULL,
                recorded_at timestamptz NOT NULL,
                state       jsonb       NULL,
                CONSTRAINT grain_history_one_row_per_version UNIQUE (state_name, grain_id, version)
            );

            CREATE FUNCTION {s}.grain_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'grain_history is append-only (% refused)', TG_OP;
            END;
            $$;

            CREATE TRIGGER grain_history_no_update_or_delete BEFORE UPDATE OR DELETE ON {s}.grain_history
                FOR EACH ROW EXECUTE FUNCTION {s}.grain_history_append_only();

            CREATE TRIGGER grain_history_no_truncate BEFORE TRUNCATE ON {s}.grain_history
                FOR EACH STATEMENT EXECUTE FUNCTION {s}.grain_history_append_only();
            """,

            // 2: the storage history copy is retired: a record's history lives in its own state (its events). A
            // schema whose grain_history still holds rows is moved by `migrate-storage`, which archives and verifies
            // them first; the store refuses to apply this step over rows (see HistoryHasRows).
            $"""
            DROP TABLE IF EXISTS {s}.grain_history;
            DROP FUNCTION IF EXISTS {s}.grain_history_append_only();
            """,

            // 3: the outbox: one row per committed write of a state that feeds a read model, added by the write's
            // own statement and deleted once a relay has published it. claimed_by/claimed_until lease a row to one
            // relay (silo); another takes it over when the lease has run out.
            $"""
            CREATE TABLE {s}.outbox (
                sequence      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                state_name    text COLLATE "C" NOT NULL,
                grain_id      text COLLATE "C" NOT NULL,
                version       bigint      NOT NULL,
                claimed_by    text        NULL,
                claimed_until timestamptz NULL
            );
            """,

            // 4: the access log, one row per read of person data, appended and never rewritten (earlier builds kept
            // a (day, shard) state whose whole list was rewritten on every append). Times are UTC ticks (exact, as
            // the grains wrote them); one index per way it is read (subject, actor, period), each in time order.
            $"""
            CREATE TABLE {s}.access_log (
                sequence  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at        bigint NOT NULL,
                actor     text COLLATE "C" NOT NULL,
                action    text NOT NULL,
                subject   text COLLATE "C" NOT NULL,
                record_id text NULL
            );

            CREATE INDEX ix_access_log_subject ON {s}.access_log (subject, at, sequence);
            CREATE INDEX ix_access_log_actor ON {s}.access_log (actor, at, sequence);
            CREATE INDEX ix_access_log_at ON {s}.access_log (at, sequence);

            CREATE FUNCTION {s}.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'access_log is append-only (% refused)', TG_OP;
            END;
            $$;

            CREATE TRIGGER access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON {s}.access_log
                FOR EACH ROW EXECUTE FUNCTION {s}.access_log_append_only();

            CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON {s}.access_log
                FOR EACH STATEMENT EXECUTE FUNCTION {s}.access_log_append_only();
            """,
        ];

        HistoryTableExists = $"SELECT to_regclass('{s}.grain_history') IS NOT NULL;";
        HistoryHasRows = $"SELECT EXISTS (SELECT 1 FROM {s}.grain_history);";

        CreateSchemaAndVersionTable = $"""
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.schema_version (
                version    integer     NOT NULL PRIMARY KEY,
                applied_at timestamptz NOT NULL
            );
            """;
        SelectVersion = $"SELECT COALESCE(MAX(version), 0) FROM {s}.schema_version;";
        RecordVersion = $"INSERT INTO {s}.schema_version (version, applied_at) VALUES (@version, @appliedAt);";

        SelectState = $"""
            SELECT etag, version, state::text FROM {s}.grain_state
            WHERE state_name = @stateName AND grain_id = @grainId;
            """;
        SelectETag = $"SELECT etag FROM {s}.grain_state WHERE state_name = @stateName AND grain_id = @grainId;";

        // Each change is one statement, so it commits as one implicit transaction. Zero rows affected means the
        // ETag did not match (or, for a first write, a state is already stored).
        InsertFirst = $"""
            INSERT INTO {s}.grain_state (state_name, grain_id, version, etag, state, updated_at)
            VALUES (@stateName, @grainId, 1, @etag, @state, @updatedAt)
            ON CONFLICT (state_name, grain_id) DO NOTHING;
            """;

        // Under READ COMMITTED a concurrent writer that updated the row first makes this UPDATE re-check its WHERE
        // against the new row, where the old ETag no longer matches: exactly one of several racing writers wins.
        UpdateMatching = $"""
            UPDATE {s}.grain_state
            SET version = version + 1, etag = @etag, state = @state, updated_at = @updatedAt
            WHERE state_name = @stateName AND grain_id = @grainId AND etag = @expected;
            """;

        // The same writes with their outbox row: one statement still, so one transaction; the outbox row exists
        // exactly when the state row was written (zero rows affected otherwise, as above).
        InsertFirstWithOutbox = $"""
            WITH written AS (
                INSERT INTO {s}.grain_state (state_name, grain_id, version, etag, state, updated_at)
                VALUES (@stateName, @grainId, 1, @etag, @state, @updatedAt)
                ON CONFLICT (state_name, grain_id) DO NOTHING
                RETURNING state_name, grain_id, version)
            INSERT INTO {s}.outbox (state_name, grain_id, version)
            SELECT state_name, grain_id, version FROM written;
            """;
        UpdateMatchingWithOutbox = $"""
            WITH written AS (
                UPDATE {s}.grain_state
                SET version = version + 1, etag = @etag, state = @state, updated_at = @updatedAt
                WHERE state_name = @stateName AND grain_id = @grainId AND etag = @expected
                RETURNING state_name, grain_id, version)
            INSERT INTO {s}.outbox (state_name, grain_id, version)
            SELECT state_name, grain_id, version FROM written;
            """;

        // SKIP LOCKED: relays of several silos claiming at once each take different rows instead of waiting on
        // one another; the lease makes a dead silo's claim claimable again.
        ClaimOutbox = $"""
            UPDATE {s}.outbox AS o SET claimed_by = @claimant, claimed_until = @until
            FROM (SELECT sequence FROM {s}.outbox
                  WHERE claimed_until IS NULL OR claimed_until <= @now OR claimed_by = @claimant
                  ORDER BY sequence LIMIT @limit
                  FOR UPDATE SKIP LOCKED) AS c
            WHERE o.sequence = c.sequence
            RETURNING o.sequence, o.state_name, o.grain_id, o.version;
            """;
        DeleteOutbox = $"DELETE FROM {s}.outbox WHERE sequence = ANY(@sequences);";

        // One statement per batch, the entries passed as parallel arrays; WITH ORDINALITY keeps their order in the
        // sequence.
        InsertAccessLog = $"""
            INSERT INTO {s}.access_log (at, actor, action, subject, record_id)
            SELECT e.at, e.actor, e.action, e.subject, e.record_id
            FROM unnest(@at::bigint[], @actor::text[], @action::text[], @subject::text[], @recordId::text[])
                WITH ORDINALITY AS e(at, actor, action, subject, record_id, n)
            ORDER BY e.n;
            """;
        SelectAccessLog = $"""
            SELECT sequence, at, actor, action, subject, record_id FROM {s}.access_log
            WHERE (at, sequence) > (@afterAt, @afterSequence) AND at < @until/*filters*/
            ORDER BY at, sequence LIMIT @limit;
            """;

        DeleteMatching = $"""
            DELETE FROM {s}.grain_state
            WHERE state_name = @stateName AND grain_id = @grainId AND etag = @expected;
            """;

        // Seeding: one statement per batch, the batch passed as parallel arrays. Keys already stored are skipped by
        // ON CONFLICT.
        InsertMissingBatch = $"""
            INSERT INTO {s}.grain_state (state_name, grain_id, version, etag, state, updated_at)
            SELECT i.state_name, i.grain_id, 1, i.etag, i.state, @updatedAt
            FROM unnest(@stateNames::text[], @grainIds::text[], @etags::text[], @states::jsonb[])
                AS i(state_name, grain_id, etag, state)
            ON CONFLICT (state_name, grain_id) DO NOTHING;
            """;

        SelectStatesIn = $"""
            SELECT grain_id, etag, version, state::text FROM {s}.grain_state
            WHERE state_name = @stateName AND grain_id = ANY(@grainIds)
            ORDER BY grain_id;
            """;
        SelectStatesInRange = $"""
            SELECT grain_id, etag, version, state::text FROM {s}.grain_state
            WHERE state_name = @stateName AND grain_id >= @from AND grain_id < @until
            ORDER BY grain_id;
            """;
        SelectKeysAfter = $"""
            SELECT grain_id FROM {s}.grain_state
            WHERE state_name = @stateName AND grain_id > @after
            ORDER BY grain_id LIMIT @limit;
            """;
    }

    /// <summary>The schema name.</summary>
    public string Name { get; }

    /// <summary>Migration n (1-based) brings the schema from version n - 1 to n. Never edit a released entry.</summary>
    public IReadOnlyList<string> Migrations { get; }

    public string CreateSchemaAndVersionTable { get; }

    public string SelectVersion { get; }

    public string RecordVersion { get; }

    public string SelectState { get; }

    public string SelectETag { get; }

    public string InsertFirst { get; }

    public string UpdateMatching { get; }

    public string DeleteMatching { get; }

    public string InsertFirstWithOutbox { get; }

    public string UpdateMatchingWithOutbox { get; }

    public string ClaimOutbox { get; }

    public string DeleteOutbox { get; }

    public string InsertAccessLog { get; }

    /// <summary>The access-log read; <c>/*filters*/</c> is replaced by <see cref="AccessLogSubjectFilter"/> and/or
    /// <see cref="AccessLogActorFilter"/>, separate texts so that the planner sees which index fits.</summary>
    public string SelectAccessLog { get; }

    public const string AccessLogSubjectFilter = " AND subject = @subject";

    public const string AccessLogActorFilter = " AND actor = @actor";

    public string InsertMissingBatch { get; }

    /// <summary>True when the retired <c>grain_history</c> table still exists (migration 2 not yet applied).</summary>
    public string HistoryTableExists { get; }

    /// <summary>True when <c>grain_history</c> holds a row (only valid while it exists).</summary>
    public string HistoryHasRows { get; }

    /// <summary>The migration that drops <c>grain_history</c> (1-based).</summary>
    public const int HistoryRetirementVersion = 2;

    public string SelectKeysAfter { get; }

    public string SelectStatesIn { get; }

    public string SelectStatesInRange { get; }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
