using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Registry.Abstractions.Text;

namespace Registry.Storage.AzureTable;

/// <summary>
/// The outbox of an Azure Table deployment, in a table of its own beside the official provider's grain-state table.
/// That provider writes each state as one entity and can add nothing to the write, so the row is written first, as an
/// intent (<see cref="OutboxedGrainStorage"/>): "this record is being written; publish it". A process that dies after
/// the state's write leaves the row, and a relay then asks the record to publish its state as stored: a change is
/// never lost to its read models. A process that dies before the state's write leaves a row whose publication
/// repeats what the read models already hold, which changes nothing (publications are idempotent).
/// </summary>
/// <remarks>
/// <para>Entities: PartitionKey = a shard of the record's grain id (<see cref="Shards"/>, so a busy silo's rows spread
/// over partitions), RowKey = the row's version (19 digits) and a random tie-break, so a shard lists its rows in write
/// order; properties StateName, GrainId, Version, Claimant and LeaseUntil.</para>
/// <para>Claims: a row is written claimed by its writer for <see cref="WriterLease"/>, so no other silo's relay takes
/// it while the write is under way; this process's relay may claim it at once, except while its write is still in
/// flight here (a relay that read the state before the write would acknowledge a row whose change it never saw). A
/// relay claims a row by replacing it under its ETag (one claimant wins), and acknowledges by deleting it. Rows of a
/// process that died are claimed by another relay once their lease has run out.</para>
/// <para>Versions are this process's clock ticks, kept increasing (<see cref="Outbox.Written"/> compares them per
/// record). Thread-safe; the table is created on first use.</para>
/// </remarks>
public sealed class AzureTableOutbox(TableServiceClient service, string tableName, TimeProvider? time = null)
    : IOutboxStore
{
    /// <summary>How many partitions the rows spread over.</summary>
    public const int Shards = 16;

    /// <summary>How long a row stays claimed by the process that wrote it before another relay may take it.</summary>
    public static readonly TimeSpan WriterLease = TimeSpan.FromMinutes(1);

    private readonly TableOnFirstUse tables = new(service, tableName);
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, (string Partition, string Row)> claimed = new();
    private readonly ConcurrentDictionary<string, long> sequenceOfRow = new(StringComparer.Ordinal);
    private long lastVersion;
    private long lastSequence;

    /// <summary>The name this process's rows are claimed by while their write is under way.</summary>
    public string Writer { get; } = $"writer:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The table's name.</summary>
    public string TableName => tables.Table.Name;

    /// <summary>
    /// Writes the row announcing a write of <paramref name="key"/>, in flight until <see cref="Done"/>. Returns the
    /// row, whose version the caller gives the outbox once the state is written.
    /// </summary>
    public async Task<OutboxIntent> AddAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(cancellationToken);
        var version = NextVersion();
        var intent = new OutboxIntent(ShardOf(key.GrainId),
            $"{version.ToString("D19", CultureInfo.InvariantCulture)}-{Random.Shared.NextInt64():D19}", key, version);
        inFlight[intent.Row] = 0;
        try
        {
            await table.AddEntityAsync(new TableEntity(intent.Partition, intent.Row)
            {
                ["StateName"] = key.StateName,
                ["GrainId"] = key.GrainId,
                ["Version"] = version,
                ["Claimant"] = Writer,
                ["LeaseUntil"] = clock.GetUtcNow() + WriterLease,
            }, cancellationToken);
            return intent;
        }
        catch
        {
            inFlight.TryRemove(intent.Row, out _);
            throw;
        }
    }

    /// <summary>The write the row announced has ended (stored, or failed in a way that may have stored it): the row
    /// may now be claimed.</summary>
    public void Done(OutboxIntent intent) => inFlight.TryRemove(intent.Row, out _);

    /// <summary>Deletes the row of a write that certainly did not happen (refused on its ETag); a failure to delete
    /// leaves it to a relay, whose publication then changes nothing.</summary>
    public async Task AbandonAsync(OutboxIntent intent)
    {
        try
        {
            await tables.Table.DeleteEntityAsync(intent.Partition, intent.Row, ETag.All);
        }
        catch (RequestFailedException)
        {
            // Left for a relay: publishing the stored state again is harmless.
        }
        finally
        {
            Done(intent);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(string claimant, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var table = await tables.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var filter = TableClient.CreateQueryFilter(
            $"LeaseUntil le {now} or Claimant eq {claimant} or Claimant eq {Writer}");
        var candidates = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000),
                           cancellationToken: cancellationToken))
        {
            if (!inFlight.ContainsKey(entity.RowKey))
            {
                candidates.Add(entity);
            }

            if (candidates.Count == limit)
            {
                break;
            }
        }

        var until = now + lease;
        var taken = await Task.WhenAll(candidates.Select(entity => ClaimAsync(entity, claimant, until,
            cancellationToken)));
        return taken.OfType<(string Row, OutboxEntry Entry)>()
            .OrderBy(t => t.Row, StringComparer.Ordinal)
            .Select(t => t.Entry)
            .ToList();
    }

    /// <inheritdoc />
    public async Task AcknowledgeOutboxAsync(IReadOnlyCollection<long> sequences,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        await Task.WhenAll(sequences.Select(async sequence =>
        {
            if (!claimed.TryGetValue(sequence, out var row))
            {
                return;
            }

            try
            {
                await tables.Table.DeleteEntityAsync(row.Partition, row.Row, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Acknowledged already (by another relay after this one's lease ran out).
            }

            claimed.TryRemove(sequence, out _);
            sequenceOfRow.TryRemove(row.Row, out _);
        }));
    }

    /// <summary>The row's entry once claimed for <paramref name="claimant"/>; null when another relay took it first.
    /// </summary>
    private async Task<(string Row, OutboxEntry Entry)?> ClaimAsync(TableEntity entity, string claimant,
        DateTimeOffset until, CancellationToken cancellationToken)
    {
        var update = new TableEntity(entity.PartitionKey, entity.RowKey)
        {
            ["Claimant"] = claimant,
            ["LeaseUntil"] = until,
        };
        try
        {
            await tables.Table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }

        // A row claimed again (its publication failed) keeps its sequence.
        var sequence = sequenceOfRow.GetOrAdd(entity.RowKey, _ => Interlocked.Increment(ref lastSequence));
        claimed[sequence] = (entity.PartitionKey, entity.RowKey);
        var key = new GrainStateKey(entity.GetString("StateName"), entity.GetString("GrainId"));
        return (entity.RowKey, new OutboxEntry(sequence, key, entity.GetInt64("Version") ?? 0));
    }

    /// <summary>This process's clock in ticks, never the same or less than a version it gave before.</summary>
    private long NextVersion()
    {
        while (true)
        {
            var last = Volatile.Read(ref lastVersion);
            var next = Math.Max(last + 1, clock.GetUtcNow().UtcTicks);
            if (Interlocked.CompareExchange(ref lastVersion, next, last) == last)
            {
                return next;
            }
        }
    }

    private static string ShardOf(string grainId) =>
        PartitionHash.Partition(grainId, Shards).ToString("D2", CultureInfo.InvariantCulture);
}

/// <summary>An outbox row written ahead of a state's write (<see cref="AzureTableOutbox.AddAsync"/>).</summary>
public sealed record OutboxIntent(string Partition, string Row, GrainStateKey Key, long Version);
