using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Registry.Abstractions.Grains;
using Registry.Grains;
using Registry.Storage;

namespace Registry.Hosting.Publishing;

/// <summary>
/// Publishes every stored record of a state name once more, once per data directory or database, when a build makes
/// its records contribute something new to a read model that records stored earlier never sent: annual reports due
/// per year (statistics, 2026-12-03), which organizations stored before then publish only from their next write
/// otherwise. Runs in the background from the silo's Active stage; each record's grain publishes its current state
/// (<see cref="IPublishingGrain.PublishAsync"/>, idempotent), and a marker state is stored only when every record has
/// published, so an interrupted or failed run starts again at the next start. On the Registry's own backends only
/// (it lists the stored keys); Azure deployments never held records of the earlier builds.
/// </summary>
public sealed class Republication(IGrainStateStore store, IGrainFactory grains, ILogger<Republication> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>State name of the markers of completed republications.</summary>
    public const string MarkerState = "read-model-republication";

    /// <summary>The republications this build asks for: the state name, a version, and what it brings.</summary>
    public static IReadOnlyList<(string StateName, int Version, string Reason)> Requested { get; } =
    [
        (StorageNames.Organization, 1, "annual reports due per year in the statistics"),
    ];

    private const int Concurrency = 4;

    private readonly BackgroundRun background = new();

    /// <summary>The run started with the silo (completed when none was started); for tests and tools.</summary>
    public Task Running => background.Running;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<Republication>(ServiceLifecycleStage.Active, _ => background.Start(RunLoggedAsync),
            background.StopAsync);

    /// <summary>Runs every requested republication not marked done yet; returns how many records published.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var published = 0;
        foreach (var (stateName, version, reason) in Requested)
        {
            var marker = MarkerOf(stateName, version);
            if (await store.ReadAsync(marker, cancellationToken) is not null)
            {
                continue;
            }

            var count = 0;
            await Parallel.ForEachAsync(store.ListKeysAsync(stateName, cancellationToken),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (key, _) =>
                {
                    await grains.GetGrain<IPublishingGrain>(GrainId.Parse(key.GrainId)).PublishAsync();
                    Interlocked.Increment(ref count);
                });
            await store.InsertMissingAsync(
                [new SeedState(marker, JsonSerializer.Serialize(new { stateName, version, reason, published = count }))],
                cancellationToken);
            if (count > 0)
            {
                logger.LogInformation("Republished {Count} stored {StateName} record(s): {Reason}", count, stateName,
                    reason);
            }

            published += count;
        }

        return published;
    }

    /// <summary>The key of the marker of one republication.</summary>
    public static GrainStateKey MarkerOf(string stateName, int version) =>
        new(MarkerState, GrainId.Create(MarkerState, $"{stateName}.{version}").ToString());

    private async Task RunLoggedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped first: no marker was stored, so the next start runs it again.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Republication of stored records failed; it runs again at the next start");
        }
    }
}
