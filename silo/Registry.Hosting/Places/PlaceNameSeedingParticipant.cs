using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Registry.Hosting.Divisions;
using Registry.Hosting.Publishing;

namespace Registry.Hosting.Places;

/// <summary>
/// Seeds the townships and streets of the shipped list as names in force on a silo's first start, after the division
/// lists and before the silo takes calls (so no claim grain is active while its claim is inserted); later starts
/// find the marker and read nothing. Where the store cannot list its records (Azure Table), the names then publish
/// themselves to the search index through their grains, in the background from the silo's Active stage, and the
/// marker is written when all have (a start interrupted before seeds and publishes again, changing nothing twice).
/// Registered when <c>Registry:Seed:PlaceNames</c> is true.
/// </summary>
public sealed class PlaceNameSeedingParticipant(PlaceNameStock stock, IGrainFactory grains,
    ILogger<PlaceNameSeedingParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly BackgroundRun background = new();
    private PlaceNameStockReport? toPublish;

    /// <summary>The publication started with the silo (completed when none was); for tests and tools.</summary>
    public Task Publishing => background.Running;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe<PlaceNameSeedingParticipant>(ServiceLifecycleStage.ApplicationServices + 2,
            async cancellationToken =>
            {
                var report = await stock.SeedTownshipsAsync(DivisionReferenceData.DefaultDirectory, cancellationToken);
                toPublish = stock.PublishesThroughGrains ? report : null;
            });
        lifecycle.Subscribe<PlaceNameSeedingParticipant>(ServiceLifecycleStage.Active,
            _ => toPublish is { } report ? background.Start(ct => PublishAsync(report, ct)) : Task.CompletedTask,
            background.StopAsync);
    }

    private async Task PublishAsync(PlaceNameStockReport report, CancellationToken cancellationToken)
    {
        try
        {
            await stock.PublishThroughGrainsAsync(report, grains, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Place-name stock not all published to the search index; the next start publishes it");
        }
    }
}
