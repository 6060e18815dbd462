using Registry.Abstractions.Health;
using Registry.Storage;

namespace Registry.Hosting;

/// <summary>Proves the grain-state backend answers, for readiness probes.</summary>
public sealed class StoreStorageProbe(IGrainStateStore store) : IStorageProbe
{
    public string BackendName => store.Name;

    public Task PingAsync(CancellationToken cancellationToken = default) => store.PingAsync(cancellationToken);
}
