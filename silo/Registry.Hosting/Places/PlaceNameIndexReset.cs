using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Grains;
using Registry.Grains.Storage;
using Registry.Storage;
using Registry.Storage.AzureTable;

namespace Registry.Hosting.Places;

/// <summary>
/// After a bulk import that writes place-name records straight into storage (bypassing the grains, so no index
/// update is published): forgets the place-name index partitions' checkpoints, so each partition builds its stored
/// entries from the records once when it next starts (every backend can list the records), and from then on starts
/// from them again. The stored pieces are left; the build replaces them. A running silo's active partitions are not
/// told: rebuild them with <c>POST /api/place-names/index/rebuild</c>. On the Registry's own stores the checkpoints
/// are listed and cleared in the store; on Azure Table storage listed by one query of the provider's table
/// (<see cref="IStoredRecords.ReadPrefixAsync{T}"/>) and cleared through the provider.
/// </summary>
public sealed class PlaceNameIndexReset(IServiceProvider services)
{
    /// <summary>Removes every stored checkpoint of the place-name index; returns how many there were.</summary>
    public async Task<int> ForgetCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        if (services.GetService<IGrainStateStore>() is { } store)
        {
            return await ForgetCheckpointsAsync(store, cancellationToken);
        }

        var storage = services.GetRequiredKeyedService<IGrainStorage>(
            AzureTableGrainStorageExtensions.StatesOf(StorageNames.Provider));
        var records = services.GetRequiredService<IStoredRecords>();
        var checkpoints = await records.ReadPrefixAsync<JsonElement>(StorageNames.PlaceNameIndex,
                StorageNames.PlaceNameIndexGrainType + "/", cancellationToken)
            ?? throw new InvalidOperationException("The place-name index's checkpoints cannot be listed.");
        foreach (var checkpoint in checkpoints)
        {
            await storage.ClearStateAsync(StorageNames.PlaceNameIndex, GrainId.Parse(checkpoint.GrainId),
                new GrainState<JsonElement>(checkpoint.State, checkpoint.ETag) { RecordExists = true });
        }

        return checkpoints.Count;
    }

    private static async Task<int> ForgetCheckpointsAsync(IGrainStateStore store, CancellationToken cancellationToken)
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
