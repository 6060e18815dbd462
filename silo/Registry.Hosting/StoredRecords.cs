using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Grains.Storage;
using Registry.Storage;

namespace Registry.Hosting;

/// <summary><see cref="IStoredRecords"/> over the silo's <see cref="IGrainStateStore"/>, reading the stored JSON
/// with the same options the grain storage writes it with.</summary>
public sealed class StoredRecords(IGrainStateStore store) : IStoredRecords
{
    public async IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, Func<string, bool>? keyFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Func<string, bool>? grainIdFilter = keyFilter is null
            ? null
            : grainId => keyFilter(GrainId.Parse(grainId).Key.ToString()!);
        await foreach (var record in store.ReadAllAsync(stateName, grainIdFilter, cancellationToken))
        {
            if (JsonSerializer.Deserialize<T>(record.State.StateJson, RegistryJson.StateOptions) is { } state)
            {
                yield return state;
            }
        }
    }

    public async Task<IReadOnlyList<StoredGrainState<T>>?> ReadPrefixAsync<T>(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default)
    {
        var records = await store.ReadPrefixAsync(stateName, grainIdPrefix, cancellationToken);
        return records
            .Select(r => new StoredGrainState<T>(r.Key.GrainId, r.State.ETag,
                JsonSerializer.Deserialize<T>(r.State.StateJson, RegistryJson.StateOptions)!))
            .ToList();
    }
}
