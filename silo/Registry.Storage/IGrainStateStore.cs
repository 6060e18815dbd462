namespace Registry.Storage;

/// <summary>
/// The small backend behind the Registry's grain-storage provider: read, write with optimistic concurrency on an ETag,
/// clear, and the append-only history every committed write adds to in the same database transaction.
/// Implementations are thread-safe singletons. Backends: SQLite (embedded default), PostgreSQL (a cluster's system of
/// record), Azure Table Storage; all pass the same conformance suite.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>A short name for logs and health reports, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Creates or upgrades the schema. Idempotent; safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored state, or null when there is none. Its JSON means what was written; a backend that stores JSON as
    /// a document type may give back its own normalized text (PostgreSQL's jsonb: spacing, key order).
    /// </summary>
    Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="stateJson"/> when the stored ETag equals <paramref name="expectedETag"/> (null: no state
    /// may be stored yet) and appends the new version to the history in the same transaction. Returns the new ETag
    /// once the transaction is committed to disk. Throws <see cref="Orleans.Storage.InconsistentStateException"/> when
    /// the ETag does not match, and changes nothing then.
    /// </summary>
    Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson, HistoryEntry entry,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the current state when the stored ETag equals <paramref name="expectedETag"/>; the history keeps every
    /// version and gains a row for the clearing. Throws <see cref="Orleans.Storage.InconsistentStateException"/> on
    /// an ETag mismatch.
    /// </summary>
    Task ClearAsync(GrainStateKey key, string? expectedETag, HistoryEntry entry,
        CancellationToken cancellationToken = default);

    /// <summary>Every history row of one record, oldest first.</summary>
    Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(GrainStateKey key,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the given states where none is stored yet (with a history row each), leaving existing ones untouched.
    /// Used for reference-data seeding; idempotent. Returns how many were inserted.
    /// </summary>
    Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states, HistoryEntry entry,
        CancellationToken cancellationToken = default);

    /// <summary>Every key stored under one state name (for index rebuilds), in key order.</summary>
    IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every state stored under one state name whose grain id <paramref name="grainIdFilter"/> accepts (all when
    /// null), with its key, in key order: what <see cref="ListKeysAsync"/> and a <see cref="ReadAsync"/> per key would
    /// give, in one pass over the state name, as an index partition loads its share of the records.
    /// </summary>
    IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName, Func<string, bool>? grainIdFilter = null,
        CancellationToken cancellationToken = default);

    /// <summary>Completes when the backend answers a trivial query; throws otherwise.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the backend stores a small write durably, as a record's write would be; throws otherwise (a
    /// full disk). For readiness. Backends that do not implement it answer <see cref="PingAsync"/>.
    /// </summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken = default) => PingAsync(cancellationToken);
}

/// <summary>Identifies one stored state: the storage name of the grain's state and the Orleans grain id.</summary>
public readonly record struct GrainStateKey(string StateName, string GrainId);

/// <summary>A stored state as read: its ETag, version number (1 for the first write) and JSON.</summary>
public sealed record StoredGrainState(string ETag, long Version, string StateJson);

/// <summary>A stored state with its key, as <see cref="IGrainStateStore.ReadAllAsync"/> gives it.</summary>
public sealed record StoredRecord(GrainStateKey Key, StoredGrainState State);

/// <summary>Who changed a record, when, by which operation and why.</summary>
public sealed record HistoryEntry(string Operation, string Actor, string? Reason, DateTimeOffset RecordedAt);

/// <summary>One history row: the version written (the state JSON is null for a clearing).</summary>
public sealed record HistoryRecord(long Version, string? ETag, HistoryEntry Entry, string? StateJson);

/// <summary>A state to insert during seeding if absent.</summary>
public sealed record SeedState(GrainStateKey Key, string StateJson);
