using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Health;

namespace Registry.Api.Hosting;

/// <summary>Ready when a grain call reaches a silo and that silo's storage answers.</summary>
public sealed class ClusterReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var backend = await grains.Get<IHealthGrain>(0).CheckStorageAsync()
                .WaitAsync(Limit, cancellationToken);
            return HealthCheckResult.Healthy($"silo up, {backend} storage answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("silo or storage not answering", e);
        }
    }
}
