using System.Text;
using Registry.Abstractions.Persons;

namespace Registry.Storage;

/// <summary>
/// The small backend behind the Registry's grain-storage provider: read, write with optimistic concurrency on an ETag,
/// clear, seeding and key-ordered scans. It stores state only: a record's history (who, when, which operation, why,
/// what changed) is the record's own events inside its state, so it is written atomically with the state and the
/// store keeps no second copy. Implementations are thread-safe singletons. Backends: SQLite (embedded default) and
/// PostgreSQL (a cluster's system of record); Azure deployments use the official Orleans provider instead. All pass
/// the same conformance suite.
/// </summary>
public interface IGrainStateStore : IAccessLogStore, IOutboxStore, ISeedStore
{
    /// <summary>A short name for logs and health reports, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The stored states of several grains of one state name, in the order of <paramref name="grainIds"/> (null where
    /// none is stored): what <see cref="ISeedStore.ReadAsync"/> of each would give. A store that can reads them
    /// together (one connection and one prepared statement on SQLite), as a search reads dozens of persons' records;
    /// by default each is read by itself, concurrently.
    /// </summary>
    async Task<IReadOnlyList<StoredGrainState?>> ReadManyAsync(string stateName, IReadOnlyList<string> grainIds,
        CancellationToken cancellationToken = default) =>
        await Task.WhenAll(grainIds.Select(id => ReadAsync(new GrainStateKey(stateName, id), cancellationToken)));

    /// <summary>
    /// <see cref="ISeedStore.WriteAsync"/> for a state given as UTF-8 JSON, as the grain storage serializes it: a store
    /// that keeps UTF-8 (SQLite compresses it) takes the bytes as they are instead of a UTF-16 copy twice their size.
    /// The bytes are read before this method returns and not kept, so the caller may reuse their buffer at once. By
    /// default the text is made from them and written by <see cref="ISeedStore.WriteAsync"/>.
    /// </summary>
    Task<string> WriteUtf8Async(GrainStateKey key, string? expectedETag, ReadOnlySpan<byte> utf8Json,
        CancellationToken cancellationToken = default) =>
        WriteAsync(key, expectedETag, Encoding.UTF8.GetString(utf8Json), cancellationToken);

    /// <summary>
    /// Removes the current state when the stored ETag equals <paramref name="expectedETag"/>; durable on return. Throws <see cref="Orleans.Storage.InconsistentStateException"/> on
    /// an ETag mismatch.
    /// </summary>
    Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every state stored under one state name whose grain id starts with <paramref name="grainIdPrefix"/>, with its
    /// key, in key order, read in one query over the key range (never a scan of the state name): as an index
    /// partition loads all its stored pieces (<c>piece/3.</c> for the pieces <c>piece/3.0</c> ... <c>piece/3.255</c>)
    /// at once instead of one read per piece. The prefix must not be empty nor end in a surrogate or U+FFFF.
    /// </summary>
    Task<IReadOnlyList<StoredRecord>> ReadPrefixAsync(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a stored state that held access-log entries (the layout of earlier builds) into the log: appends
    /// <paramref name="entries"/> and removes the state in one transaction, when its ETag still equals
    /// <paramref name="expectedETag"/> (else <see cref="Orleans.Storage.InconsistentStateException"/> and no change).
    /// A rerun finds the state gone, so nothing is moved twice.
    /// </summary>
    Task MoveStateToAccessLogAsync(GrainStateKey key, string expectedETag,
        IReadOnlyList<AccessLogEntry> entries,
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

/// <summary>
/// A stored state as read: its ETag, version number (1 for the first write, counting again from 1 after a clearing) and
/// JSON. A store that reads the JSON as UTF-8 bytes (SQLite's compressed values) hands them over as they are, and
/// readers that deserialize take <see cref="Utf8Json"/>: the UTF-16 text of a large state (a place-name partition's
/// snapshot is some 20 MB of JSON) was twice its size again in garbage on the large-object heap, and the deserializer
/// turned it back into UTF-8. <see cref="StateJson"/> is made from the bytes when first asked. Two states are equal when
/// their ETags, versions and JSON are.
/// </summary>
public sealed record StoredGrainState
{
    private string? json;
    private ReadOnlyMemory<byte>? utf8;

    public StoredGrainState(string etag, long version, string stateJson)
    {
        ETag = etag;
        Version = version;
        json = stateJson;
    }

    public StoredGrainState(string etag, long version, ReadOnlyMemory<byte> utf8Json)
    {
        ETag = etag;
        Version = version;
        utf8 = utf8Json;
    }

    public string ETag { get; }

    public long Version { get; }

    /// <summary>The JSON as text.</summary>
    public string StateJson => json ??= Encoding.UTF8.GetString(utf8!.Value.Span);

    /// <summary>The JSON as UTF-8, for deserializing.</summary>
    public ReadOnlyMemory<byte> Utf8Json => utf8 ??= Encoding.UTF8.GetBytes(json!);

    public bool Equals(StoredGrainState? other) =>
        other is not null && ETag == other.ETag && Version == other.Version
        && Utf8Json.Span.SequenceEqual(other.Utf8Json.Span);

    public override int GetHashCode() => HashCode.Combine(ETag, Version, Utf8Json.Length);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ETag = {ETag}, Version = {Version}, StateJson = {StateJson}");
        return true;
    }
}

/// <summary>A stored state with its key, as <see cref="ISeedStore.ReadAllAsync"/> gives it.</summary>
public sealed record StoredRecord(GrainStateKey Key, StoredGrainState State);

/// <summary>Key ranges for <see cref="IGrainStateStore.ReadPrefixAsync"/>.</summary>
public static class GrainIdRange
{
    /// <summary>
    /// The smallest text above every text that starts with <paramref name="prefix"/>, in code-point order (the order
    /// of the stores' key columns: SQLite's binary collation and PostgreSQL's "C" both compare UTF-8 bytes): the
    /// prefix with its last character raised by one. Keys <c>&gt;= prefix</c> and <c>&lt;</c> this bound are exactly
    /// those starting with the prefix.
    /// </summary>
    public static string UpperBound(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var last = prefix[^1];
        if (char.IsSurrogate(last) || last == char.MaxValue)
        {
            throw new ArgumentException("A grain-id prefix must not end in a surrogate or U+FFFF.", nameof(prefix));
        }

        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(last + 1)).ToString());
    }
}

/// <summary>A state to insert during seeding if absent.</summary>
public sealed record SeedState(GrainStateKey Key, string StateJson);
