using Orleans.Concurrency;
using Registry.Abstractions.Health;

namespace Registry.Grains.Health;

/// <summary>Answers readiness probes on whichever silo receives them.</summary>
[StatelessWorker]
public sealed class HealthGrain(IStorageProbe probe) : Grain, IHealthGrain
{
    public async Task<string> CheckStorageAsync()
    {
        await probe.PingAsync();
        return probe.BackendName;
    }
}
