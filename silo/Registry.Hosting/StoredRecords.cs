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
        await foreach (var key in store.ListKeysAsync(stateName, cancellationToken))
        {
            if (keyFilter is not null && !keyFilter(GrainId.Parse(key.GrainId).Key.ToString()!))
            {
                continue;
            }

            if (await store.ReadAsync(key, cancellationToken) is { } stored &&
                JsonSerializer.Deserialize<T>(stored.StateJson, RegistryJson.StateOptions) is { } state)
            {
                yield return state;
            }
        }
    }
}
