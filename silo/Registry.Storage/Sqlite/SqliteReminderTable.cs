using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Registry.Storage.Sqlite;

/// <summary>
/// Orleans' reminder table in the embedded SQLite database, so reminders (deadlines) survive restarts of a single
/// silo. Shares the file, connection settings and write queue of <see cref="SqliteGrainStateStore"/>; its table is
/// created by that store's schema migrations. Thread-safe.
/// </summary>
public sealed class SqliteReminderTable(SqliteGrainStateStore store) : IReminderTable
{
    public Task Init() => store.InitializeAsync();

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.Run(() => Query("SELECT * FROM reminders WHERE grain_id = $grainId;", ("$grainId", grainId.ToString())));

    /// <summary>Rows whose hash lies in the ring range (begin, end], wrapping past the top when begin &gt;= end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.Run(() => Query(begin < end
                ? "SELECT * FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end;"
                : "SELECT * FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end;",
            ("$begin", (long)begin), ("$end", (long)end)));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.Run(() => Query("SELECT * FROM reminders WHERE grain_id = $grainId AND reminder_name = $name;",
                ("$grainId", grainId.ToString()), ("$name", reminderName))
            .Reminders.FirstOrDefault());

    public Task<string?> UpsertRow(ReminderEntry entry) =>
        store.EnqueueWriteAsync<string?>((connection, transaction) =>
        {
            var etag = Guid.NewGuid().ToString("N");
            using var command = SqliteGrainStateStore.Command(connection, transaction, """
                INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, etag)
                VALUES ($grainId, $name, $hash, $startAt, $periodMs, $etag)
                ON CONFLICT (grain_id, reminder_name) DO UPDATE
                SET start_at = excluded.start_at, period_ms = excluded.period_ms, etag = excluded.etag;
                """,
                ("$grainId", entry.GrainId.ToString()), ("$name", entry.ReminderName),
                ("$hash", (long)entry.GrainId.GetUniformHashCode()),
                ("$startAt", entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
                ("$periodMs", (long)entry.Period.TotalMilliseconds), ("$etag", etag));
            command.ExecuteNonQuery();
            return etag;
        }, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        store.EnqueueWriteAsync((connection, transaction) =>
        {
            using var command = SqliteGrainStateStore.Command(connection, transaction,
                "DELETE FROM reminders WHERE grain_id = $grainId AND reminder_name = $name AND etag = $etag;",
                ("$grainId", grainId.ToString()), ("$name", reminderName), ("$etag", eTag));
            return command.ExecuteNonQuery() == 1;
        }, CancellationToken.None);

    public Task TestOnlyClearTable() =>
        store.EnqueueWriteAsync((connection, transaction) =>
        {
            using var command = SqliteGrainStateStore.Command(connection, transaction, "DELETE FROM reminders;");
            return command.ExecuteNonQuery();
        }, CancellationToken.None);

    private ReminderTableData Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = store.OpenForReading();
        using var command = SqliteGrainStateStore.Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<ReminderEntry>();
        while (reader.Read())
        {
            rows.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(reader.GetOrdinal("grain_id"))),
                ReminderName = reader.GetString(reader.GetOrdinal("reminder_name")),
                StartAt = DateTime.Parse(reader.GetString(reader.GetOrdinal("start_at")), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(reader.GetOrdinal("period_ms"))),
                ETag = reader.GetString(reader.GetOrdinal("etag")),
            });
        }

        return new ReminderTableData(rows);
    }
}
