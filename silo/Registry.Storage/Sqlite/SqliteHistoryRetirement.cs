using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Registry.Storage.Sqlite;

/// <summary>
/// Moves a SQLite database written by a Registry that kept a copy of every version in <c>grain_history</c> to the
/// state-only layout, without loss. Under one immediate (write-locking) transaction, so no silo can write meanwhile:
/// (1) every current state must be valid JSON and equal, with its version and ETag, to the last history row of its
/// record, otherwise nothing is changed; (2) every history row is written to an archive file
/// (<see cref="HistoryArchive"/>), fsynced, read back and checked by count and digest; (3) only then is
/// <c>grain_history</c> dropped and the transaction committed. The file is then compacted (VACUUM) and the schema
/// brought to the latest version. Idempotent: a database without a history copy is left as it is.
/// </summary>
public static class SqliteHistoryRetirement
{
    private const string TimeFormat = "O";

    private const string SelectUnverifiedStates = """
        SELECT s.state_name, s.grain_id FROM grain_state s
        WHERE json_valid(s.state_json) = 0
           OR NOT EXISTS (
               SELECT 1 FROM grain_history h
               WHERE h.id = (SELECT MAX(h2.id) FROM grain_history h2
                             WHERE h2.state_name = s.state_name AND h2.grain_id = s.grain_id)
                 AND h.version = s.version AND h.etag = s.etag AND h.state_json = s.state_json)
        ORDER BY s.state_name, s.grain_id
        LIMIT 10;
        """;

    private const string SelectHistory = """
        SELECT state_name, grain_id, version, etag, operation, actor, reason, recorded_at, state_json
        FROM grain_history ORDER BY id;
        """;

    /// <summary>Retires the history copy of the database at <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The database file (<c>registry.db</c> under the data directory).</param>
    /// <param name="archivePath">The archive file to create; must not exist yet.</param>
    /// <param name="cancellationToken">Stops the move before the commit; nothing is changed then.</param>
    /// <exception cref="InvalidOperationException">A state does not match its history; nothing was changed.</exception>
    public static async Task<HistoryRetirementReport> RetireAsync(string databasePath, string archivePath,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"No SQLite database at '{databasePath}'.", databasePath);
        }

        using var store = new SqliteGrainStateStore(databasePath);
        var report = await Task.Run(() => Retire(store, archivePath, cancellationToken), cancellationToken);
        if (!report.AlreadyRetired)
        {
            await Task.Run(() =>
            {
                using var connection = store.Open();
                using var vacuum = SqliteGrainStateStore.Command(connection, null, "VACUUM;");
                vacuum.ExecuteNonQuery();
            }, cancellationToken);
        }

        await store.InitializeAsync(cancellationToken);
        return report;
    }

    private static async Task<HistoryRetirementReport> Retire(SqliteGrainStateStore store, string archivePath,
        CancellationToken cancellationToken)
    {
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!TableExists(connection, transaction, "grain_history"))
        {
            return new HistoryRetirementReport(CountStates(connection, transaction), 0, null, null,
                AlreadyRetired: true);
        }

        var unverified = new List<string>();
        using (var verify = SqliteGrainStateStore.Command(connection, transaction, SelectUnverifiedStates))
        using (var reader = verify.ExecuteReader())
        {
            while (reader.Read())
            {
                unverified.Add($"{reader.GetString(0)} {reader.GetString(1)}");
            }
        }

        if (unverified.Count > 0)
        {
            throw new InvalidOperationException(
                $"SQLite database '{store.DatabasePath}': these states are not the last version of their history " +
                $"(or not valid JSON), so the history copy was left in place: {string.Join(", ", unverified)}.");
        }

        var states = CountStates(connection, transaction);
        string written;
        long rows;
        using (var archive = new HistoryArchive.Writer(archivePath))
        {
            using var select = SqliteGrainStateStore.Command(connection, transaction, SelectHistory);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                archive.Write(new HistoryArchive.Row(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    DateTimeOffset.ParseExact(reader.GetString(7), TimeFormat, CultureInfo.InvariantCulture),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }

            rows = archive.Count;
            written = archive.Complete();
        }

        await HistoryArchive.EnsureReadsBackAsync(archivePath, rows, written, cancellationToken);

        using (var drop = SqliteGrainStateStore.Command(connection, transaction,
                   SqliteSchema.Migrations[SqliteSchema.HistoryRetirementVersion - 1]))
        {
            drop.ExecuteNonQuery();
        }

        transaction.Commit();
        return new HistoryRetirementReport(states, rows, archivePath, written, AlreadyRetired: false);
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = SqliteGrainStateStore.Command(connection, transaction,
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;", ("$name", table));
        return (long)command.ExecuteScalar()! > 0;
    }

    private static long CountStates(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (!TableExists(connection, transaction, "grain_state"))
        {
            return 0;
        }

        using var command = SqliteGrainStateStore.Command(connection, transaction, "SELECT COUNT(*) FROM grain_state;");
        return (long)command.ExecuteScalar()!;
    }
}
