using System.Collections.Concurrent;
using System.Diagnostics;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial.Import;

/// <summary>
/// Runs bulk imports in this process: plans the features (<see cref="ImportPlanner"/>), writes each record through its
/// grain, and reports progress and rejections to the job's grain every <see cref="ReportEvery"/> records (and logs
/// it). Rejections are per feature, with the rule that refused it; nothing rejected is stored. A job interrupted by a
/// restart stays "running" in its record; re-running the same import completes it (every write is idempotent).
/// </summary>
public sealed class ImportRunner(IGrainFactory grains, ILogger<ImportRunner> logger) : IHostedService
{
    public const int ReportEvery = 200;
    private const int Parallelism = 4;

    private readonly ConcurrentDictionary<string, Task> running = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Starts an import of <paramref name="features"/>; returns its id and the task that completes with it.</summary>
    public async Task<(string Id, Task Completion)> StartAsync(IReadOnlyList<GeoJson.RawFeature> features,
        ImportOptions options, string? sourceName)
    {
        var id = Guid.NewGuid().ToString("N");
        var job = grains.Get<IImportJobGrain>(id);
        await job.StartAsync(new ImportJobStart(options.Kind, sourceName, features.Count, options.Reason));
        // Actor and other request context flow into the background run (its writes are audited as that user).
        var completion = Task.Run(() => RunAsync(id, job, features, options, stopping.Token));
        running[id] = completion;
        _ = completion.ContinueWith(_ => running.TryRemove(id, out Task? _), TaskScheduler.Default);
        return (id, completion);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(running.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync(string id, IImportJobGrain job, IReadOnlyList<GeoJson.RawFeature> features,
        ImportOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var counts = new ImportCounts();
        try
        {
            var (units, rejections) = ImportPlanner.Plan(features, options);
            counts.Rejected(rejections, rejections.Select(r => r.Index).Distinct().Count());
            var done = 0;
            await Parallel.ForEachAsync(units,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (unit, _) =>
                {
                    try
                    {
                        foreach (var change in await unit.Run(grains))
                        {
                            counts.Stored(change, 0);
                        }

                        counts.Rejected([], unit.Features.Count);
                    }
                    catch (DomainException e)
                    {
                        counts.Rejected(unit.Features.Select(i => new ImportRejection(i, unit.Label, e.Rule, e.Message)),
                            unit.Features.Count);
                    }

                    if (Interlocked.Increment(ref done) % ReportEvery == 0)
                    {
                        await ReportAsync(job, counts, features.Count, clock);
                    }
                });

            await job.ReportAsync(counts.Take());
            await job.FinishAsync(null);
            logger.LogInformation("Import {Id} ({Kind}) completed: {Processed}/{Total} features in {Elapsed}", id,
                options.Kind, counts.Processed, features.Count, clock.Elapsed);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {Id} failed after {Processed} features", id, counts.Processed);
            try
            {
                await job.ReportAsync(counts.Take());
                await job.FinishAsync(e is OperationCanceledException
                    ? "Stopped: the service shut down. Re-run the import to complete it."
                    : "Stopped by an error outside the features (logged). Re-run the import to complete it.");
            }
            catch (Exception report)
            {
                logger.LogWarning(report, "Could not record the failure of import {Id}", id);
            }
        }
    }

    private async Task ReportAsync(IImportJobGrain job, ImportCounts counts, int total, Stopwatch clock)
    {
        var progress = counts.Take();
        logger.LogInformation("Import progress: {Processed}/{Total} features, {Created} created, {Changed} changed, " +
            "{Unchanged} unchanged ({Elapsed})", progress.Processed, total, progress.Created, progress.Changed,
            progress.Unchanged, clock.Elapsed);
        await job.ReportAsync(progress);
    }
}
