using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Registry.Abstractions.Grains;
using Registry.Grains.Publishing;
using Registry.Storage;

namespace Registry.Hosting.Publishing;

/// <summary>
/// Publishes what the outbox holds: claims pending rows in order (<see cref="IOutboxStore.ClaimOutboxAsync"/>),
/// asks each record's grain to publish its current state (<see cref="IPublishingGrain.PublishAsync"/>, the same code
/// the grain runs after its own write) and deletes the rows once it has. A record whose grain has published those
/// rows itself in this process (<see cref="Outbox.PublishedInline"/>) is not asked again: its rows are deleted as
/// they are. Runs from the silo's Active stage to its stop.
/// </summary>
/// <remarks>
/// <para>Prompt: a committed outbox write wakes it (<see cref="Outbox.Signal"/>); otherwise it looks every
/// <see cref="IdlePoll"/> for rows other silos left behind. At least once and per record in order: a record's rows of
/// one batch are one call, a later row is claimed only in a later batch, and a grain publishes its state as it is
/// now, so a row that was published late still gives the newest state. Read models keep the newest revision (the
/// organization and place-name indexes) or key what they hold by fact and record (statistics, the boundary
/// report), so publishing twice changes nothing.</para>
/// <para>Many at once: the records no grain of this process is publishing (those a bulk path stored without their
/// grains, the archive import, see <see cref="ReadModelPublication.StoredWithoutGrain"/>; and every row this process
/// did not write: after a restart, another silo's) are published together by their state name's
/// <see cref="IBulkPublisher"/> where it has one, one call per read-model partition instead of an activation and a
/// call per record and read model; should that fail, each is published through its grain. Every other row goes
/// through its grain.</para>
/// <para>Failures: a publication that throws leaves its rows claimed by this relay, is logged, and is tried again
/// after <see cref="RetryDelay"/>; the other records of the batch are acknowledged. Several silos: each relay claims
/// with its own name for <see cref="Lease"/> (PostgreSQL picks the rows with <c>FOR UPDATE SKIP LOCKED</c>), so two
/// relays never hold one row; a dead silo's rows are taken over when their lease has run out.</para>
/// </remarks>
public sealed class OutboxRelay(IOutboxStore store, Outbox outbox, IGrainFactory grains, TimeProvider time,
    ReadModelPublication publication, IEnumerable<IBulkPublisher> bulkPublishers, ILogger<OutboxRelay> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long a claim holds rows against other relays.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>How long after a failed publication the relay tries again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle relay looks for rows no local write signalled (other silos', expired leases).</summary>
    public static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch waits at a time for grains still publishing their own rows (see
    /// <see cref="Outbox.Published"/>): about a group commit or two under load.</summary>
    public static readonly TimeSpan InlineGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a batch waits at most for grains still publishing their own rows, in steps of
    /// <see cref="InlineGrace"/> while any is: on a loaded host a grain's own publication takes several group
    /// commits, and asking it before it has told the outbox costs a second call, or a new activation and a full
    /// publication when the grain has left memory meanwhile (a marriage leaves right after its registration).</summary>
    public static readonly TimeSpan InlineWait = TimeSpan.FromSeconds(1);

    // Large enough that a bulk publication (records stored without their grains) gives each read-model partition
    // several records per call and write.
    private const int BatchSize = 1024;

    private readonly IReadOnlyDictionary<string, IBulkPublisher> bulk =
        bulkPublishers.ToDictionary(publisher => publisher.StateName, StringComparer.Ordinal);

    private readonly string claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly BackgroundRun background = new();

    // Stopped mid-batch, the claimed rows stay pending and are published after the lease, here or elsewhere.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<OutboxRelay>(ServiceLifecycleStage.Active, _ => background.Start(RunAsync),
            background.StopAsync);

    /// <summary>
    /// Publishes pending rows, batch after batch, until no row is left that this relay may claim. True when all were
    /// published; false when a publication failed (its rows stay pending, the others are acknowledged) or the outbox
    /// could not be read. The relay's own loop runs this on every wake-up; a test or tool may run it directly.
    /// </summary>
    public async Task<bool> PublishPendingAsync(CancellationToken cancellationToken = default)
    {
        var allPublished = true;
        while (true)
        {
            var (claimed, acknowledged, failed) = await RelayBatchAsync(cancellationToken);
            allPublished &= !failed;

            // A full batch means more may be waiting; a full batch of failures alone would only repeat itself.
            if (claimed < BatchSize || acknowledged == 0)
            {
                return allPublished;
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                bool published;
                try
                {
                    published = await PublishPendingAsync(cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Outbox relay failed; trying again in {Delay}", RetryDelay);
                    published = false;
                }

                // A failure is tried again after RetryDelay, or sooner with the next write, so one record that keeps
                // failing never holds back the others' publication.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timeout = Task.Delay(published ? IdlePoll : RetryDelay, time, idle.Token);
                await Task.WhenAny(outbox.WaitAsync(idle.Token), timeout);
                await idle.CancelAsync();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One batch: how many rows were claimed and acknowledged, and whether anything failed.</summary>
    private async Task<(int Claimed, int Acknowledged, bool Failed)> RelayBatchAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxEntry> rows;
        try
        {
            rows = await store.ClaimOutboxAsync(claimant, Lease, BatchSize, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Outbox relay could not read the outbox; trying again in {Delay}", RetryDelay);
            return (0, 0, true);
        }

        if (rows.Count == 0)
        {
            return (0, 0, false);
        }

        // One call per record, all records at once: rows of one record in one batch are one publication.
        // A record whose grain has published these rows itself in this process is not asked again (see
        // Outbox.Published). Rows claimed right after their commit mostly find the grain still publishing (its index
        // entry and figures wait for a commit of their own): the batch waits for that, in short steps and for at most
        // InlineWait, before asking the grains that have not; rows no grain of this process is publishing (after a
        // restart, other processes' rows, records whose grains do not say, every row while grains do not publish
        // inline) are asked for at once. A record stored without its grain (the archive import) is published here in
        // bulk, never by its grain: its rows are not waited for. So is every record no grain of this process is
        // publishing, where its state has a bulk publisher: a restart that finds 380,000 archived marriages
        // unpublished published each through its grain, and the read-model partitions so activated one record at a
        // time stayed in memory (6.6 GB). Records published in bulk go together, by state name (PublishInBulkAsync).
        var records = rows.GroupBy(row => row.Key).ToList();
        for (var waited = TimeSpan.Zero;
             waited < InlineWait && publication.Inline && records.Any(record =>
                 outbox.AwaitsPublication(record.Key, record.Max(row => row.Version))
                 && !publication.IsStoredWithoutGrain(record.Key.GrainId));
             waited += InlineGrace)
        {
            await Task.Delay(InlineGrace, cancellationToken);
        }

        var outcomes = new Dictionary<GrainStateKey, IEnumerable<long>?>();
        var inline = records.Where(PublishedInline).ToList();
        foreach (var record in inline)
        {
            outcomes[record.Key] = record.Select(row => row.Sequence).ToList();
        }

        var inBulk = records.Except(inline)
            .Where(record => bulk.ContainsKey(record.Key.StateName)
                && (publication.IsStoredWithoutGrain(record.Key.GrainId)
                    || !outbox.AwaitsPublication(record.Key, record.Max(row => row.Version))))
            .ToList();
        var byGrain = records.Except(inline).Except(inBulk).ToList();
        var grainOutcomes = Task.WhenAll(byGrain.Select(PublishAsync));
        var bulkOutcomes = Task.WhenAll(inBulk.GroupBy(record => record.Key.StateName)
            .Select(async group => group.Zip(await PublishInBulkAsync(group))));
        foreach (var (record, sequences) in byGrain.Zip(await grainOutcomes))
        {
            outcomes[record.Key] = sequences;
        }

        foreach (var (record, sequences) in (await bulkOutcomes).SelectMany(pairs => pairs))
        {
            outcomes[record.Key] = sequences;
        }

        var published = records.Select(record => outcomes[record.Key]).ToList();
        var acknowledged = published.OfType<IEnumerable<long>>().SelectMany(sequences => sequences).ToList();
        try
        {
            await store.AcknowledgeOutboxAsync(acknowledged, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Published but not acknowledged: publishing again later is harmless.
            logger.LogWarning(e, "Outbox relay could not acknowledge {Count} rows; they are published again",
                acknowledged.Count);
            return (rows.Count, 0, true);
        }

        foreach (var (record, sequences) in records.Zip(published))
        {
            if (sequences is not null)
            {
                outbox.Acknowledged(record.Key, record.Max(row => row.Version));
            }
        }

        return (rows.Count, acknowledged.Count, published.Any(sequences => sequences is null));
    }

    /// <summary>
    /// Publishes records of one state name stored without their grains through its <see cref="IBulkPublisher"/>: each
    /// record's rows, once all have published. When that fails, each record is published through its grain, so a
    /// record that cannot be published keeps its own rows only (null for it).
    /// </summary>
    private async Task<IEnumerable<long>?[]> PublishInBulkAsync(
        IGrouping<string, IGrouping<GrainStateKey, OutboxEntry>> records)
    {
        try
        {
            await bulk[records.Key].PublishAsync(records.Select(record => record.Key.GrainId).ToList(),
                CancellationToken.None);
            return records.Select(record => (IEnumerable<long>?)record.Select(row => row.Sequence).ToList()).ToArray();
        }
        catch (Exception e)
        {
            // Some partitions may have had an older version after a newer one the record's grain sent meanwhile: each
            // record is published again in full, after this.
            logger.LogWarning(e, "Publishing {Count} records of {StateName} at once failed; publishing each by itself",
                records.Count(), records.Key);
            var publisher = bulk[records.Key];
            return await Task.WhenAll(records.Select(record =>
                PublishAsync(record, () => publisher.PublishOneAsync(record.Key.GrainId))));
        }
        finally
        {
            // Published, or left to their grains from now on.
            foreach (var record in records)
            {
                publication.Forget(record.Key.GrainId);
            }
        }
    }

    private bool PublishedInline(IGrouping<GrainStateKey, OutboxEntry> record) =>
        outbox.PublishedInline(record.Key, record.Max(row => row.Version));

    /// <summary>The record's rows once it has published; null when it could not.</summary>
    private Task<IEnumerable<long>?> PublishAsync(IGrouping<GrainStateKey, OutboxEntry> record) =>
        PublishAsync(record, () => grains.GetGrain<IPublishingGrain>(GrainId.Parse(record.Key.GrainId)).PublishAsync());

    /// <summary>The record's rows once <paramref name="publish"/> has published it; null when it could not.</summary>
    private async Task<IEnumerable<long>?> PublishAsync(IGrouping<GrainStateKey, OutboxEntry> record,
        Func<Task> publish)
    {
        var sequences = record.Select(row => row.Sequence).ToList();
        if (!outbox.Covers(record.Key.StateName))
        {
            // Left by a build that outboxed this state; no grain of this build publishes it.
            logger.LogWarning("Outbox row of {StateName} {GrainId} has no publisher; dropped", record.Key.StateName,
                record.Key.GrainId);
            return sequences;
        }

        try
        {
            await publish();
            return sequences;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Publishing {GrainId} (version {Version}) from the outbox failed; trying again in {Delay}",
                record.Key.GrainId, record.Max(row => row.Version), RetryDelay);
            return null;
        }
    }
}
