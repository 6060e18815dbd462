using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Grains;
using Registry.Grains.Organizations;
using Registry.Storage;

namespace Registry.Hosting.Organizations;

/// <summary>
/// Reads stored organization records for an index partition: lists every key under the organization state name
/// (<see cref="IGrainStateStore.ListKeysAsync"/>) and reads those hashing to the partition, in key order.
/// Records are read as stored, without activating grains. Thread-safe.
/// </summary>
public sealed class OrganizationRecordSource(IGrainStateStore store) : IOrganizationRecordSource
{
    public async IAsyncEnumerable<OrganizationState> ReadPartitionAsync(int partition,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in store.ListKeysAsync(StorageNames.Organization, cancellationToken))
        {
            var uscc = GrainId.Parse(key.GrainId).Key.ToString();
            if (uscc is null || OrganizationIndex.PartitionOf(uscc) != partition)
            {
                continue;
            }

            if (await store.ReadAsync(key, cancellationToken) is { } stored
                && JsonSerializer.Deserialize<OrganizationState>(stored.StateJson, RegistryJson.StateOptions) is
                    { Uscc.Length: > 0 } state)
            {
                yield return state;
            }
        }
    }
}
