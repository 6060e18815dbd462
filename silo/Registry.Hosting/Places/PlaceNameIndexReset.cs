using Registry.Grains;
using Registry.Storage;

namespace Registry.Hosting.Places;

/// <summary>
/// After a bulk import that writes place-name records straight into storage (bypassing the grains, so no index
/// update is published): forgets the place-name index partitions' checkpoints, so each partition builds its stored
/// entries from the records once when it next starts, and from then on starts from them again. The stored pieces
/// are left; the build replaces them. A running silo's active partitions are not told: rebuild them with
/// <c>POST /api/place-names/index/rebuild</c>.
/// </summary>
public static class PlaceNameIndexReset
{
    /// <summary>Removes every stored checkpoint of the place-name index; returns how many there were.</summary>
    public static async Task<int> ForgetCheckpointsAsync(IGrainStateStore store, CancellationToken cancellationToken = default)
    {
        var forgotten = 0;
        await foreach (var key in store.ListKeysAsync(StorageNames.PlaceNameIndex, cancellationToken))
        {
            if (await store.ReadAsync(key, cancellationToken) is { } stored)
            {
                await store.ClearAsync(key, stored.ETag, cancellationToken);
                forgotten++;
            }
        }

        return forgotten;
    }
}
