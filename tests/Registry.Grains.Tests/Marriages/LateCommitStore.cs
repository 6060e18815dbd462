using System.Collections.Concurrent;
using Orleans.Storage;
using Registry.Abstractions.Persons;
using Registry.Storage;

namespace Registry.Grains.Tests.Marriages;

/// <summary>
/// The silo's store, except that a write of a key the test names fails at once and is held back, to be committed
/// later by <see cref="LandAsync"/>: a backend that timed out on a write it then goes on to finish.
/// </summary>
public sealed class LateCommitStore(IGrainStateStore inner) : IGrainStateStore
{
    private readonly ConcurrentDictionary<GrainStateKey, Func<Task>?> delayed = new();
    private readonly ConcurrentDictionary<string, int> singleReads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> prefixReads = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    /// <summary>The next write of <paramref name="key"/> fails and is held back.</summary>
    public void DelayNextWrite(GrainStateKey key) => delayed[key] = null;

    /// <summary>Commits the write held back for <paramref name="key"/>; false when storage refuses it (its ETag no
    /// longer matches).</summary>
    public async Task<bool> LandAsync(GrainStateKey key)
    {
        Assert.True(delayed.TryRemove(key, out var write) && write is not null, "No write was held back.");
        try
        {
            await write();
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    public async Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson,
        CancellationToken cancellationToken = default)
    {
        if (delayed.TryGetValue(key, out var held) && held is null)
        {
            delayed[key] = () => inner.WriteAsync(key, expectedETag, stateJson);
            throw new TimeoutException("The write timed out; it may still commit.");
        }

        return await inner.WriteAsync(key, expectedETag, stateJson, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        inner.InitializeAsync(cancellationToken);

    /// <summary>How many times the state of <paramref name="grainId"/> (<c>type/key</c>) was read by itself
    /// (<see cref="ReadAsync"/>, not among many).</summary>
    public int SingleReadsOf(string grainId) => singleReads.GetValueOrDefault(grainId);

    public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        singleReads.AddOrUpdate(key.GrainId, 1, (_, count) => count + 1);
        return inner.ReadAsync(key, cancellationToken);
    }

    public Task<IReadOnlyList<StoredGrainState?>> ReadManyAsync(string stateName, IReadOnlyList<string> grainIds,
        CancellationToken cancellationToken = default) =>
        inner.ReadManyAsync(stateName, grainIds, cancellationToken);

    public Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default) =>
        inner.ClearAsync(key, expectedETag, cancellationToken);

    public Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states,
        CancellationToken cancellationToken = default) =>
        inner.InsertMissingAsync(states, cancellationToken);

    public IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName,
        CancellationToken cancellationToken = default) =>
        inner.ListKeysAsync(stateName, cancellationToken);

    public IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName, Func<string, bool>? grainIdFilter = null,
        CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(stateName, grainIdFilter, cancellationToken);

    /// <summary>How many times the key range of <paramref name="grainIdPrefix"/> was read
    /// (<see cref="ReadPrefixAsync"/>).</summary>
    public int PrefixReadsOf(string grainIdPrefix) => prefixReads.GetValueOrDefault(grainIdPrefix);

    public Task<IReadOnlyList<StoredRecord>> ReadPrefixAsync(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default)
    {
        prefixReads.AddOrUpdate(grainIdPrefix, 1, (_, count) => count + 1);
        return inner.ReadPrefixAsync(stateName, grainIdPrefix, cancellationToken);
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(string claimant, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default) =>
        inner.ClaimOutboxAsync(claimant, lease, limit, cancellationToken);

    public Task AcknowledgeOutboxAsync(IReadOnlyCollection<long> sequences,
        CancellationToken cancellationToken = default) =>
        inner.AcknowledgeOutboxAsync(sequences, cancellationToken);

    public Task AppendAccessLogAsync(IReadOnlyList<AccessLogEntry> entries,
        CancellationToken cancellationToken = default) =>
        inner.AppendAccessLogAsync(entries, cancellationToken);

    public Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
        CancellationToken cancellationToken = default) =>
        inner.ReadAccessLogAsync(query, cancellationToken);

    public Task MoveStateToAccessLogAsync(GrainStateKey key, string expectedETag,
        IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default) =>
        inner.MoveStateToAccessLogAsync(key, expectedETag, entries, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
}
