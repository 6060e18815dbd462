using Registry.Abstractions.Persons;

namespace Registry.Storage;

/// <summary>
/// The append primitive of the access log to person data: rows are added, never changed or removed, so storage grows
/// by the size of the new rows alone, and read back by subject, actor and period in (time, sequence) order. Every
/// <see cref="IGrainStateStore"/> is one (its <c>access_log</c> table); Azure deployments use
/// <see cref="AzureTable.AzureTableAccessLogStore"/>. Implementations are thread-safe singletons.
/// </summary>
public interface IAccessLogStore
{
    /// <summary>
    /// Appends access-log entries as new rows, durable on return: in one transaction on SQLite and PostgreSQL, one
    /// per partition (day and subject shard) on Azure Table, so a failure there may leave part of a batch stored
    /// (logged reads that were then not shown: the safe side). Earlier rows are never changed.
    /// </summary>
    Task AppendAccessLogAsync(IReadOnlyList<AccessLogEntry> entries,
        CancellationToken cancellationToken = default);

    /// <summary>The access-log rows <paramref name="query"/> selects, in (time, sequence) order.</summary>
    Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
        CancellationToken cancellationToken = default);
}
