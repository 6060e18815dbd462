using Orleans.Runtime;
using Orleans.Storage;
using Registry.Abstractions.Errors;

namespace Registry.Storage.AzureTable;

/// <summary>
/// The official Azure Table provider as the Registry runs it. A write of a state that feeds a read model
/// (<see cref="Outbox.Covers"/>, when the silo has an <paramref name="outbox"/>) first adds its row to
/// <paramref name="rows"/>, then writes the state through <paramref name="inner"/>; once stored, the version is noted
/// for the relay (<see cref="Outbox.Written"/>, so a grain that publishes its own write spares the relay a call) and
/// the relay is woken. A write refused on its ETag (nothing stored) takes its row back. And, as the Registry's own
/// provider does, storage that cannot be reached (<see cref="StorageFaults.IsStorageFault"/>) is a
/// <see cref="StorageUnavailableException"/> (the API's 503), the writing grain let go
/// (<see cref="StorageFaults.Refuse"/>). Thread-safe.
/// </summary>
public sealed class OutboxedGrainStorage(IGrainStorage inner, AzureTableOutbox rows, Outbox? outbox,
    StorageFaults? faults = null, IGrainContextAccessor? grainContexts = null) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw new StorageUnavailableException(
                $"The grain-state store cannot be read at the moment: {error.Message}");
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grain = grainContexts?.GrainContext;
        try
        {
            await WriteAsync(stateName, grainId, grainState);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw StorageFaults.Refuse(faults, error, grain);
        }

        faults?.Succeeded();
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grain = grainContexts?.GrainContext;
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw StorageFaults.Refuse(faults, error, grain);
        }

        faults?.Succeeded();
    }

    private async Task WriteAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (outbox is null || !outbox.Covers(stateName))
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var key = new GrainStateKey(stateName, grainId.ToString());
        var intent = await rows.AddAsync(key);
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        catch (InconsistentStateException)
        {
            // Refused on its ETag: nothing was written.
            await rows.AbandonAsync(intent);
            throw;
        }
        catch
        {
            // Perhaps written: the row stays for a relay, which publishes whatever is stored.
            rows.Done(intent);
            throw;
        }

        outbox.Written(key, intent.Version);
        rows.Done(intent);
        outbox.Signal();
    }
}
