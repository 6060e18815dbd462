using Registry.Abstractions.Errors;
using Registry.Abstractions.Health;
using Registry.Storage;

namespace Registry.Hosting;

/// <summary>
/// Proves the grain-state backend answers and takes writes, for readiness probes: unready while a record's write was
/// refused for want of storage with none stored since (<see cref="StorageFaults"/>), or while the backend's own probe
/// write fails. Both clear by themselves once the store takes writes again.
/// </summary>
public sealed class StoreStorageProbe(IGrainStateStore store, StorageFaults faults) : IStorageProbe
{
    public string BackendName => store.Name;

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        if (faults.IsRefusingWrites)
        {
            throw new StorageUnavailableException(
                $"The {store.Name} store refused a write in the last {StorageFaults.Window.TotalSeconds:0} s.");
        }

        await store.PingAsync(cancellationToken);
        try
        {
            await store.ProbeWriteAsync(cancellationToken);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw new StorageUnavailableException($"The {store.Name} store refuses writes: {error.Message}");
        }
    }
}
