using Orleans.Runtime;
using Orleans.Storage;

namespace Registry.Storage.AzureTable;

/// <summary>
/// The official Azure Table provider with the Registry's outbox in front of it: a write of a state that feeds a read
/// model (<see cref="Outbox.Covers"/>) first adds its row to <see cref="AzureTableOutbox"/>, then writes the state
/// through <paramref name="inner"/>; once stored, the version is noted for the relay (<see cref="Outbox.Written"/>, so
/// a grain that publishes its own write spares the relay a call) and the relay is woken. A write refused on its ETag
/// (nothing stored) takes its row back. Reads, clears and every other state pass straight through. Thread-safe.
/// </summary>
public sealed class OutboxedGrainStorage(IGrainStorage inner, AzureTableOutbox rows, Outbox outbox) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!outbox.Covers(stateName))
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

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
