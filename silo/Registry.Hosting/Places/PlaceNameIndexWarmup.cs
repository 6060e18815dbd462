using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Registry.Abstractions.Places;
using Registry.Grains.Places;
using Registry.Hosting.Publishing;

namespace Registry.Hosting.Places;

/// <summary>
/// Activates every partition of the place-name index in the background from the silo's Active stage, so each loads
/// its stored entries while the service starts instead of on the first search (which otherwise waits for all 16
/// to load). Activating a partition already active elsewhere in the cluster costs one call. A failure is logged and
/// harmless: the first search activates what is left. Cancelled and awaited when the silo stops.
/// </summary>
public sealed class PlaceNameIndexWarmup(IGrainFactory grains, ILogger<PlaceNameIndexWarmup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly BackgroundRun background = new();

    /// <summary>The warm-up started with the silo (completed when none was started); for tests and tools.</summary>
    public Task Running => background.Running;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<PlaceNameIndexWarmup>(ServiceLifecycleStage.Active, _ => background.Start(RunAsync),
            background.StopAsync);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var counts = await Task.WhenAll(Enumerable.Range(0, PlaceNameIndex.PartitionCount)
                .Select(p => grains.GetGrain<IPlaceNameIndexGrain>(p).CountAsync().WaitAsync(cancellationToken)));
            logger.LogInformation("Place-name index: {Partitions} partitions active with {Entries} entries in {Seconds:F1} s",
                counts.Length, counts.Sum(), clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo stops; the partitions activate on the next start or search.
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Place-name index partitions could not all be activated at start; the first search activates them");
        }
    }
}
