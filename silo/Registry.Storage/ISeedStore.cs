namespace Registry.Storage;

/// <summary>
/// What reference-data seeding and the import commands need of storage: states read and written by key with their
/// ETags, inserted where absent, and (where the store can) listed by state name. The Registry's own stores
/// (<see cref="IGrainStateStore"/>) do all of it; on Azure Table the official provider serves it by key alone
/// (<see cref="GrainStorageSeedStore"/>). Thread-safe.
/// </summary>
public interface ISeedStore
{
    /// <summary>Creates or upgrades the schema. Idempotent; safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored state, or null when there is none. Its JSON means what was written; a backend that stores JSON as
    /// a document type may give back its own normalized text (PostgreSQL's jsonb: spacing, key order).
    /// </summary>
    Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="stateJson"/> when the stored ETag equals <paramref name="expectedETag"/> (null: no state
    /// may be stored yet). Returns the new ETag once the change is committed to disk. Throws
    /// <see cref="Orleans.Storage.InconsistentStateException"/> when the ETag does not match, and changes nothing then.
    /// When the store has an <see cref="Outbox"/> covering the state name, the same transaction adds one outbox row
    /// for the new version.
    /// </summary>
    Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the given states where none is stored yet, leaving existing ones untouched. Used for reference-data
    /// seeding; idempotent. Returns how many were inserted.
    /// </summary>
    Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states, CancellationToken cancellationToken = default);

    /// <summary>Whether <see cref="ListKeysAsync"/> and <see cref="ReadAllAsync"/> can list a state name's records
    /// (the Registry's own stores); a store that cannot answers each state by its key alone.</summary>
    bool CanList => true;

    /// <summary>Every key stored under one state name (for index rebuilds), in key order.</summary>
    IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every state stored under one state name whose grain id <paramref name="grainIdFilter"/> accepts (all when
    /// null), with its key, in key order: what <see cref="ListKeysAsync"/> and a <see cref="ReadAsync"/> per key would
    /// give, in one pass over the state name, as an index partition loads its share of the records.
    /// </summary>
    IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName, Func<string, bool>? grainIdFilter = null,
        CancellationToken cancellationToken = default);
}
