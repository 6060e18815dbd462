using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Hosting.Organizations;

/// <summary>
/// Once the silo is active, asks every organization search-index partition to load its entries
/// (<see cref="IOrganizationIndexGrain.LoadAsync"/>), in the background and as many at a time as the host has cores,
/// so the first search after a restart finds them loaded or loading instead of starting 32 loads itself. The silo's
/// start does not wait for it (a national register takes seconds to load; the service answers meanwhile). A partition
/// that fails to load here is logged and loads at its first call, as without this. Stopped with the silo.
/// </summary>
public sealed class OrganizationIndexWarmup(IGrainFactory grains, ILogger<OrganizationIndexWarmup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task warming = Task.CompletedTask;

    /// <summary>Completes when every partition was asked to load and answered (or failed, logged), or the silo
    /// stopped the warm-up; never faults.</summary>
    public Task Completion => warming;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<OrganizationIndexWarmup>(ServiceLifecycleStage.Active,
            _ =>
            {
                warming = Task.Run(() => WarmAsync(stopping.Token));
                return Task.CompletedTask;
            },
            async _ =>
            {
                await stopping.CancelAsync();
                await warming;
            });

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, OrganizationIndex.PartitionCount), parallel,
                async (partition, _) =>
                {
                    try
                    {
                        await grains.GetGrain<IOrganizationIndexGrain>(partition).LoadAsync();
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        logger.LogWarning(error, "Organization index partition {Partition} did not load at the start; it loads at its first call",
                            partition);
                    }
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo stops: the partitions not asked yet load at their first call.
        }
    }
}
