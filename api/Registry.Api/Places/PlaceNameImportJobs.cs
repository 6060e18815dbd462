using System.Collections.Concurrent;
using System.Text.Json;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;

namespace Registry.Api.Places;

/// <summary>
/// Runs imports of names in force as jobs in this process, as the organization register's imports run: the body is
/// stored whole in a spool file, checked (a CSV's header, or that a GeoJSON text is a FeatureCollection) before a
/// job exists, then imported in the background, the job's grain receiving the counts and the refused and flagged
/// rows every <see cref="PlaceNameImporter.ProgressEvery"/> rows and at the end. The spool file is deleted when the
/// run ends. A run stopped by a failure that is not a row's, or by shutdown, marks the job failed; re-running the
/// same file completes it (every row is idempotent). Thread-safe.
/// </summary>
public sealed class PlaceNameImportJobs(IGrainFactory grains, ILogger<PlaceNameImporter> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, Task> running = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>
    /// Stores <paramref name="body"/> in a spool file, checks it (400 <c>import-columns</c> or <c>import-geojson</c>,
    /// no job), starts the job and its run. Returns the job as started and the run.
    /// </summary>
    public async Task<(PlaceNameImportJobDetails Job, Task Completion)> StartAsync(Stream body, bool geoJson,
        string source, CancellationToken requestAborted)
    {
        var id = Guid.NewGuid().ToString("N");
        var spool = Path.Combine(Path.GetTempPath(), $"registry-place-name-import-{id}.{(geoJson ? "geojson" : "csv")}");
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             1 << 16, FileOptions.Asynchronous))
            {
                await body.CopyToAsync(file, requestAborted);
            }

            IReadOnlyList<PlaceNameImporter.SourceRow>? features = null;
            if (geoJson)
            {
                features = await ReadGeoJsonAsync(spool, requestAborted);
            }
            else
            {
                using var header = OpenText(spool);
                PlaceNameImporter.CheckHeader(await header.ReadLineAsync(requestAborted));
            }

            var job = await grains.Get<IPlaceNameImportJobGrain>(id).StartAsync(source);
            var completion = Task.Run(() => RunAsync(id, spool, features, source, stopping.Token), CancellationToken.None);
            running[id] = completion;
            _ = completion.ContinueWith(t =>
            {
                running.TryRemove(id, out _);
                _ = t.Exception; // observed: the job records the failure, and a waiting request rethrows it
            }, TaskScheduler.Default);
            return (job, completion);
        }
        catch
        {
            File.Delete(spool);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(running.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task<IReadOnlyList<PlaceNameImporter.SourceRow>> ReadGeoJsonAsync(string spool,
        CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(spool);
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return PlaceNameImporter.GeoJsonRows(document.RootElement);
        }
        catch (JsonException)
        {
            throw DomainException.Invalid("import-geojson", "body", "The body is not JSON text (a GeoJSON FeatureCollection).");
        }
    }

    private async Task RunAsync(string id, string spool, IReadOnlyList<PlaceNameImporter.SourceRow>? features,
        string source, CancellationToken cancellationToken)
    {
        var job = grains.Get<IPlaceNameImportJobGrain>(id);
        try
        {
            var importer = new PlaceNameImporter(grains, logger);
            if (features is not null)
            {
                await importer.ImportAsync(features.ToAsyncEnumerable(), source, job.ReportAsync, cancellationToken);
            }
            else
            {
                using var csv = OpenText(spool);
                await importer.ImportAsync(PlaceNameImporter.CsvRowsAsync(csv, cancellationToken), source,
                    job.ReportAsync, cancellationToken);
            }

            await job.FinishAsync(null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Place-name import {Id} ({Source}) stopped", id, source);
            try
            {
                await job.FinishAsync(e is OperationCanceledException
                    ? "Stopped: the service shut down. Re-run the same file to complete the import."
                    : "Stopped by a failure outside the rows (storage or cluster unavailable; logged). Re-run the " +
                      "same file to complete the import.");
            }
            catch (Exception report)
            {
                logger.LogWarning(report, "Could not record the failure of place-name import {Id}", id);
            }

            throw;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static StreamReader OpenText(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
}
