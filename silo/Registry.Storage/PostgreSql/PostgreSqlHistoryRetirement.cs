using Npgsql;

namespace Registry.Storage.PostgreSql;

/// <summary>
/// Moves a PostgreSQL schema written by a Registry that kept a copy of every version in <c>grain_history</c> to the
/// state-only layout, without loss. In one transaction that first locks both tables against writes (reads go on):
/// (1) every current state must equal, with its version and ETag, the last history row of its record, otherwise
/// nothing is changed; (2) every history row is written to an archive file (<see cref="HistoryArchive"/>), fsynced,
/// read back and checked by count and digest; (3) only then are <c>grain_history</c> and its trigger function dropped
/// and the transaction committed. The schema is then brought to the latest version. Idempotent: a schema without a
/// history copy is left as it is.
/// </summary>
public static class PostgreSqlHistoryRetirement
{
    /// <summary>Retires the history copy of <paramref name="schemaName"/> in the database at
    /// <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schemaName">The schema holding the Registry's tables.</param>
    /// <param name="archivePath">The archive file to create; must not exist yet.</param>
    /// <param name="cancellationToken">Stops the move before the commit; nothing is changed then.</param>
    /// <exception cref="InvalidOperationException">A state does not match its history; nothing was changed.</exception>
    public static async Task<HistoryRetirementReport> RetireAsync(string connectionString, string schemaName,
        string archivePath, CancellationToken cancellationToken = default)
    {
        var schema = new PostgreSqlSchema(schemaName);
        var s = schema.Name;
        await using var store = new PostgreSqlGrainStateStore(connectionString, schemaName);
        HistoryRetirementReport report;
        await using (var connection = store.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await ScalarAsync(connection, schema.HistoryTableExists, cancellationToken) is not true)
            {
                await transaction.RollbackAsync(cancellationToken);
                await store.InitializeAsync(cancellationToken);
                return new HistoryRetirementReport(
                    Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM {s}.grain_state;",
                        cancellationToken)), 0, null, null, AlreadyRetired: true);
            }

            await ScalarAsync(connection,
                $"LOCK TABLE {s}.grain_state, {s}.grain_history IN EXCLUSIVE MODE;", cancellationToken);
            var unverified = new List<string>();
            await using (var verify = new NpgsqlCommand($"""
                SELECT st.state_name, st.grain_id FROM {s}.grain_state st
                LEFT JOIN LATERAL (
                    SELECT h.version, h.etag, h.state FROM {s}.grain_history h
                    WHERE h.state_name = st.state_name AND h.grain_id = st.grain_id
                    ORDER BY h.version DESC LIMIT 1) last ON true
                WHERE last.version IS DISTINCT FROM st.version
                   OR last.etag IS DISTINCT FROM st.etag
                   OR last.state IS DISTINCT FROM st.state
                ORDER BY st.state_name, st.grain_id
                LIMIT 10;
                """, connection))
            await using (var reader = await verify.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    unverified.Add($"{reader.GetString(0)} {reader.GetString(1)}");
                }
            }

            if (unverified.Count > 0)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL schema '{s}': these states are not the last version of their history, so the " +
                    $"history copy was left in place: {string.Join(", ", unverified)}.");
            }

            var states = Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM {s}.grain_state;",
                cancellationToken));
            string written;
            long rows;
            using (var archive = new HistoryArchive.Writer(archivePath))
            {
                await using var select = new NpgsqlCommand($"""
                    SELECT state_name, grain_id, version, etag, operation, actor, reason, recorded_at, state::text
                    FROM {s}.grain_history ORDER BY id;
                    """, connection);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    archive.Write(new HistoryArchive.Row(
                        reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.GetFieldValue<DateTimeOffset>(7),
                        reader.IsDBNull(8) ? null : reader.GetString(8)));
                }

                rows = archive.Count;
                written = archive.Complete();
            }

            await HistoryArchive.EnsureReadsBackAsync(archivePath, rows, written, cancellationToken);

            await ScalarAsync(connection, schema.Migrations[PostgreSqlSchema.HistoryRetirementVersion - 1],
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            report = new HistoryRetirementReport(states, rows, archivePath, written, AlreadyRetired: false);
        }

        await store.InitializeAsync(cancellationToken);
        return report;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
