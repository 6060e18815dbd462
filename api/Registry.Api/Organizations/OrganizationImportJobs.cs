using System.Collections.Concurrent;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;

namespace Registry.Api.Organizations;

/// <summary>
/// Runs imports of the register as jobs in this process. The request's body is first stored whole in a spool file
/// (so the request ends and the client can follow the job, and a 900,000-row file is never held in memory); its
/// header is checked before a job exists; then the rows are imported in the background, the job's grain receiving
/// the counts and rejections every <see cref="OrganizationImporter.ProgressEvery"/> rows and at the end. The spool
/// file is deleted when the run ends. A run stopped by a failure that is not a row's, or by shutdown, marks the job
/// failed; re-running the same file completes it (every row is idempotent). While it runs, the job is told every
/// <see cref="OrganizationImportJobDetails.Heartbeat"/> that its run is alive, so a run that dies with its process
/// (killed, no chance to mark the job failed) leaves a job that reads as interrupted once its lease has passed, not
/// one that stays running forever. Thread-safe.
/// </summary>
public sealed class OrganizationImportJobs(IGrainFactory grains, TimeProvider time, ILogger<OrganizationImporter> logger)
    : IHostedService
{
    private readonly ConcurrentDictionary<string, Task> running = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>
    /// Stores <paramref name="body"/> in a spool file, checks its header (400 <c>import-columns</c>, no job), starts
    /// the job and its run. Returns the job as started and the run, which ends when every row is stored or refused
    /// (and faults with the failure that stopped it).
    /// </summary>
    public async Task<(OrganizationImportJobDetails Job, Task Completion)> StartAsync(Stream body, string source,
        CancellationToken requestAborted)
    {
        var id = Guid.NewGuid().ToString("N");
        var spool = Path.Combine(Path.GetTempPath(), $"registry-organization-import-{id}.csv");
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             1 << 16, FileOptions.Asynchronous))
            {
                await body.CopyToAsync(file, requestAborted);
            }

            using (var header = OpenText(spool))
            {
                OrganizationImporter.CheckHeader(await header.ReadLineAsync(requestAborted));
            }

            var job = await grains.Get<IOrganizationImportJobGrain>(id).StartAsync(source);
            // The acting user's request context flows into the run, so each stored row is audited as theirs.
            var completion = Task.Run(() => RunAsync(id, spool, source, stopping.Token), CancellationToken.None);
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

    private async Task RunAsync(string id, string spool, string source, CancellationToken cancellationToken)
    {
        var job = grains.Get<IOrganizationImportJobGrain>(id);
        using var alive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = KeepAliveAsync(job, alive.Token);
        try
        {
            using var csv = OpenText(spool);
            await new OrganizationImporter(grains, logger).ImportAsync(csv, source, job.ReportAsync, cancellationToken);
            await StopHeartbeatAsync(alive, heartbeat);
            await job.FinishAsync(null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Organization import {Id} ({Source}) stopped", id, source);
            try
            {
                await job.FinishAsync(e is OperationCanceledException
                    ? "Stopped: the service shut down. Re-run the same file to complete the import."
                    : "Stopped by a failure outside the rows (storage or cluster unavailable; logged). Re-run the " +
                      "same file to complete the import.");
            }
            catch (Exception report)
            {
                logger.LogWarning(report, "Could not record the failure of organization import {Id}", id);
            }

            throw;
        }
        finally
        {
            await StopHeartbeatAsync(alive, heartbeat);
            File.Delete(spool);
        }
    }

    /// <summary>Tells the job its run is alive every heartbeat until cancelled; a missed beat is logged, not fatal.</summary>
    private async Task KeepAliveAsync(IOrganizationImportJobGrain job, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(OrganizationImportJobDetails.Heartbeat, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await job.KeepAliveAsync();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Organization import heartbeat failed; the next one tries again");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task StopHeartbeatAsync(CancellationTokenSource alive, Task heartbeat)
    {
        await alive.CancelAsync();
        await heartbeat;
    }

    private static StreamReader OpenText(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
}
