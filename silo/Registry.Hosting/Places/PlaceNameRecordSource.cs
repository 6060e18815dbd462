using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Grains;
using Registry.Grains.Places;
using Registry.Storage;

namespace Registry.Hosting.Places;

/// <summary>
/// Reads stored place-name records for an index partition: lists every key under the place-name state name and
/// reads those hashing to the partition. Records are read as stored, without activating grains. Thread-safe.
/// </summary>
public sealed class PlaceNameRecordSource(IGrainStateStore store) : IPlaceNameRecordSource
{
    public async IAsyncEnumerable<PlaceNameState> ReadPartitionAsync(int partition,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in store.ListKeysAsync(StorageNames.PlaceName, cancellationToken))
        {
            var id = GrainId.Parse(key.GrainId).Key.ToString();
            if (id is null || PlaceNameIndex.PartitionOf(id) != partition)
            {
                continue;
            }

            if (await store.ReadAsync(key, cancellationToken) is { } stored
                && JsonSerializer.Deserialize<PlaceNameState>(stored.StateJson, RegistryJson.StateOptions) is
                    { Id.Length: > 0 } state)
            {
                yield return state;
            }
        }
    }
}
