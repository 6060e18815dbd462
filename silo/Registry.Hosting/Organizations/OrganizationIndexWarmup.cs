using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Hosting.Organizations;

/// <summary>
/// Once the host has started (the silo active, the API listening), asks every organization search-index partition to
/// load its entries (<see cref="IOrganizationIndexGrain.LoadAsync"/>), one at a time in the background (in the
/// <see cref="WarmupLane"/>, shared with the API's copy of the place-name index), so the first search after a restart
/// finds most of them loaded instead of starting 32 loads itself. Neither the silo's start nor
/// the service's first answers wait for it: a national register takes seconds of CPU to load, and one partition at a
/// time leaves the other cores to requests (a search that comes first loads the partitions not loaded yet itself, all
/// at once). A partition that fails to load here is logged and loads at its first call, as without this. Stopped with
/// the silo.
/// </summary>
public sealed class OrganizationIndexWarmup(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    WarmupLane lane,
    ILogger<OrganizationIndexWarmup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource<Task> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every partition was asked to load and answered (or failed, logged), or the silo
    /// stopped the warm-up; never faults.</summary>
    public Task Completion => started.Task.Unwrap();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<OrganizationIndexWarmup>(ServiceLifecycleStage.Active,
            _ =>
            {
                lifetime.ApplicationStarted.Register(() => started.TrySetResult(Task.Run(() => WarmAsync(stopping.Token))));
                return Task.CompletedTask;
            },
            async _ =>
            {
                await stopping.CancelAsync();
                started.TrySetResult(Task.CompletedTask);
                await Completion;
            });

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        foreach (var partition in Enumerable.Range(0, OrganizationIndex.PartitionCount))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The silo stops: the partitions not asked yet load at their first call.
                return;
            }

            try
            {
                await lane.RunAsync(() => grains.GetGrain<IOrganizationIndexGrain>(partition).LoadAsync(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The silo stopped while this partition waited for the lane: it loads at its first call.
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Organization index partition {Partition} did not load at the start; it loads at its first call",
                    partition);
            }
        }
    }
}
