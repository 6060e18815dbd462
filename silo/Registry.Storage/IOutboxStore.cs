namespace Registry.Storage;

/// <summary>
/// The outbox's pending rows, for the relay that publishes them (<c>OutboxRelay</c> in the silo): one row per
/// committed write of a state that feeds a read model (<see cref="Outbox.StateNames"/>). The Registry's own backends
/// (SQLite, PostgreSQL) add the row in the write's own transaction (<see cref="IGrainStateStore"/>); on Azure Table,
/// whose official provider writes each state alone, the row is written just before the state
/// (<see cref="AzureTable.AzureTableOutbox"/>). Thread-safe.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> pending outbox rows for <paramref name="claimant"/> until
    /// <paramref name="lease"/> from now and returns them in sequence order. A row is pending until acknowledged; it
    /// is claimable when unclaimed, when its lease has run out (a relay died), or when it is already the
    /// claimant's own (a publication that failed, tried again). Several relays over one database never hold the
    /// same row at once.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(string claimant, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes the given outbox rows (their changes are published); unknown sequences are ignored.</summary>
    Task AcknowledgeOutboxAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default);
}
