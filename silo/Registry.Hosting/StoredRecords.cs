using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Abstractions.Errors;
using Registry.Grains.Storage;
using Registry.Storage;

namespace Registry.Hosting;

/// <summary><see cref="IStoredRecords"/> over the silo's <see cref="IGrainStateStore"/>, reading the stored JSON
/// with the same options the grain storage writes it with. A store that cannot be read at the moment (busy, full,
/// disconnected: <see cref="StorageFaults.IsStorageFault"/>) surfaces as <see cref="StorageUnavailableException"/>,
/// as a grain's own read does: the backend's exception type cannot cross a grain call, and a client asking for a
/// rebuild or a report then gets a 503, not a 500.</summary>
public sealed class StoredRecords(IGrainStateStore store) : IStoredRecords
{
    public async IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, Func<string, bool>? keyFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Func<string, bool>? grainIdFilter = keyFilter is null
            ? null
            : grainId => keyFilter(GrainId.Parse(grainId).Key.ToString()!);
        await using var records = store.ReadAllAsync(stateName, grainIdFilter, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            StoredRecord record;
            try
            {
                if (!await records.MoveNextAsync())
                {
                    yield break;
                }

                record = records.Current;
            }
            catch (Exception error) when (StorageFaults.IsStorageFault(error))
            {
                throw Unreadable(stateName, error);
            }

            if (JsonSerializer.Deserialize<T>(record.State.Utf8Json.Span, RegistryJson.StateOptions) is { } state)
            {
                yield return state;
            }
        }
    }

    public async Task<IReadOnlyList<StoredGrainState<T>>?> ReadPrefixAsync<T>(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StoredRecord> records;
        try
        {
            records = await store.ReadPrefixAsync(stateName, grainIdPrefix, cancellationToken);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw Unreadable(stateName, error);
        }

        return records
            .Select(r => new StoredGrainState<T>(r.Key.GrainId, r.State.ETag,
                JsonSerializer.Deserialize<T>(r.State.Utf8Json.Span, RegistryJson.StateOptions)!))
            .ToList();
    }

    public async Task<IReadOnlyList<T?>?> ReadManyAsync<T>(string stateName, IReadOnlyList<string> grainIds,
        CancellationToken cancellationToken = default) where T : class
    {
        IReadOnlyList<StoredGrainState?> states;
        try
        {
            states = await StorageTelemetry.MeasureAsync("read-many", stateName,
                () => store.ReadManyAsync(stateName, grainIds, cancellationToken));
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw Unreadable(stateName, error);
        }

        return states
            .Select(s => s is null ? null : JsonSerializer.Deserialize<T>(s.Utf8Json.Span, RegistryJson.StateOptions))
            .ToList();
    }

    /// <summary>What a read of every record of <paramref name="stateName"/> that storage could not serve surfaces as.
    /// </summary>
    internal static StorageUnavailableException Unreadable(string stateName, Exception error) =>
        new($"The stored '{stateName}' records cannot be read at the moment: {error.Message}");
}
