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

    /// <summary>
    /// Whether concurrent <see cref="AppendAccessLogAsync"/> calls already share one commit (the SQLite store's write
    /// queue: every write waiting at a moment goes into one transaction and one fsync). The access log then hands each
    /// read's entries straight to the store instead of batching them in front of it first: a second queue would only
    /// make an entry that arrives during a commit wait for that commit to be reported before its own could start.
    /// </summary>
    bool GroupsConcurrentAppends => false;

    /// <summary>The access-log rows <paramref name="query"/> selects, in (time, sequence) order.</summary>
    Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
        CancellationToken cancellationToken = default);
}
