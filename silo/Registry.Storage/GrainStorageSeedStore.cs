using System.Text.Json;
using Orleans.Runtime;
using Orleans.Storage;

namespace Registry.Storage;

/// <summary>
/// Seeding over an Orleans grain-storage provider that has no store of the Registry's own behind it (the official
/// Azure Table provider): each state read and written by its key through the provider, as its grain would be, in the
/// same JSON (the state is handed over as a <see cref="JsonElement"/>, which the Registry's serializer writes as it
/// is). Nothing can be listed (<see cref="CanList"/> is false): the seeders then ask for each record they need by its
/// key. Thread-safe.
/// </summary>
public sealed class GrainStorageSeedStore(IGrainStorage storage) : ISeedStore
{
    // Inserts at once: a first start seeds some fifty thousand division records, each one request.
    private const int Parallelism = 16;

    public bool CanList => false;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        var state = new GrainState<JsonElement>();
        await storage.ReadStateAsync(key.StateName, GrainId.Parse(key.GrainId), state);
        return state.RecordExists && state.ETag is { } etag
            ? new StoredGrainState(etag, 0, state.State.GetRawText())
            : null;
    }

    public async Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson,
        CancellationToken cancellationToken = default)
    {
        using var json = JsonDocument.Parse(stateJson);
        var state = new GrainState<JsonElement>(json.RootElement.Clone(), expectedETag)
        {
            RecordExists = expectedETag is not null,
        };
        await storage.WriteStateAsync(key.StateName, GrainId.Parse(key.GrainId), state);
        return state.ETag!;
    }

    public async Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states,
        CancellationToken cancellationToken = default)
    {
        var inserted = 0;
        await Parallel.ForEachAsync(states,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (seed, ct) =>
            {
                // A first write (no ETag) is an insert, refused where a state is stored: that one is left as it is.
                try
                {
                    await WriteAsync(seed.Key, null, seed.StateJson, ct);
                    Interlocked.Increment(ref inserted);
                }
                catch (InconsistentStateException)
                {
                }
            });
        return inserted;
    }

    public IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName,
        CancellationToken cancellationToken = default) => throw Unlisted(stateName);

    public IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName, Func<string, bool>? grainIdFilter = null,
        CancellationToken cancellationToken = default) => throw Unlisted(stateName);

    private static NotSupportedException Unlisted(string stateName) =>
        new($"The grain storage cannot list the records of '{stateName}'; ask for each by its key.");
}
