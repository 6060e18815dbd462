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

    /// <summary>
    /// Removes every stored checkpoint of the place-name index from the storage <paramref name="services"/> hold:
    /// the Registry's own store, or, on Azure Table storage, the official provider's table (the checkpoints listed by
    /// one query, each cleared through the provider). Returns how many there were.
    /// </summary>
    public static async Task<int> ForgetCheckpointsAsync(IServiceProvider services,
        CancellationToken cancellationToken = default)
    {
        if (services.GetService<IGrainStateStore>() is { } store)
        {
            return await ForgetCheckpointsAsync(store, cancellationToken);
        }

        var storage = services.GetRequiredKeyedService<IGrainStorage>(
            AzureTableGrainStorageExtensions.StatesOf(StorageNames.Provider));
        var checkpoints = await services.GetRequiredService<IStoredRecords>().ReadPrefixAsync<JsonElement>(
                              StorageNames.PlaceNameIndex, StorageNames.PlaceNameIndexGrainType + "/", cancellationToken)
                          ?? throw new InvalidOperationException("The place-name index's checkpoints cannot be listed.");
        foreach (var checkpoint in checkpoints)
        {
            await storage.ClearStateAsync(StorageNames.PlaceNameIndex, GrainId.Parse(checkpoint.GrainId),
                new GrainState<JsonElement>(checkpoint.State, checkpoint.ETag) { RecordExists = true });
        }

        return checkpoints.Count;
    }
}
