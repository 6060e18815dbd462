using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Orleans.Storage;
using static Registry.Storage.AzureTable.AzureTableLayout;

namespace Registry.Storage.AzureTable;

/// <summary>
/// An <see cref="IGrainStateStore"/> in Azure Table Storage (or Azurite), laid out like the official Orleans Azure
/// Table grain storage (see <see cref="AzureTableLayout"/>) so that a deployment can switch to that package without
/// moving data. Every change is one entity-group transaction in the record's partition: the state entity, replaced
/// only if its ETag still matches (If-Match), and the new history row <c>{state}@v{version}</c>, committed together
/// or not at all. Versions keep counting across a clearing (the cleared entity keeps the version).
/// </summary>
/// <remarks>
/// <para>History rows live in the state's partition rather than in a table of their own because Azure Table
/// transactions cannot span tables or partitions: a separate table could not be written in the same transaction.
/// The official provider reads only the RowKey of the state and never sees them.</para>
/// <para>The state's ETag is made by the service when the transaction commits, so the history row written with a
/// version cannot carry it: the transaction that writes the next version records it there (it is the ETag that
/// transaction's If-Match used), and until then <see cref="ReadHistoryAsync"/> takes it from the current
/// entity.</para>
/// <para>Thread-safe. <see cref="ListKeysAsync"/> and seeding scan the table for one state name (a cross-partition
/// query, fine for index rebuilds and start-up, not for request paths).</para>
/// </remarks>
public sealed class AzureTableGrainStateStore : IGrainStateStore
{
    /// <summary>The table used when none is configured.</summary>
    public const string DefaultTableName = "RegistryGrainState";

    private const int SeedParallelism = 16;
    private static readonly string[] HeaderProperties = [Property.GrainId, Property.Version, Property.Cleared];

    private readonly TableClient table;
    private readonly string serviceId;

    /// <param name="connectionString">An Azure Storage connection string (for Azurite: one naming its
    /// TableEndpoint).</param>
    /// <param name="serviceId">The Orleans service id; part of every PartitionKey, as in the official provider.</param>
    /// <param name="tableName">The table; created if absent.</param>
    public AzureTableGrainStateStore(string connectionString, string serviceId, string tableName = DefaultTableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        this.serviceId = serviceId;
        table = new TableServiceClient(connectionString).GetTableClient(tableName);
    }

    /// <summary>The table holding states and history.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public string Name => "azure-table";

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        var keys = Keys.Of(serviceId, key);
        var entity = await GetAsync(keys, select: null, cancellationToken);
        if (entity is null || ReadData(entity) is not { } json)
        {
            return null;
        }

        return new StoredGrainState(entity.ETag.ToString(), entity.GetInt64(Property.Version) ?? 0, json);
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson, HistoryEntry entry,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateJson);
        ArgumentNullException.ThrowIfNull(entry);
        var keys = Keys.Of(serviceId, key);
        var current = await GetAsync(keys, HeaderProperties, cancellationToken);
        var storedETag = StateETagOf(current);
        if (!string.Equals(storedETag, expectedETag, StringComparison.Ordinal))
        {
            throw Mismatch("write", key, storedETag, expectedETag);
        }

        var version = await CurrentVersionAsync(keys, current, cancellationToken) + 1;
        var state = NewEntity(keys, version);
        WriteData(state, stateJson);
        var history = HistoryEntity(keys, version, entry);
        WriteData(history, stateJson);

        var responses = await SubmitAsync("write", key, expectedETag,
            ChangeActions(keys, current, version, state, history), cancellationToken);
        return responses[0].Headers.ETag?.ToString()
            ?? throw new InvalidOperationException("Azure Table storage returned no ETag for a written entity.");
    }

    /// <inheritdoc />
    /// <remarks>
    /// The entity stays, without data (as the official provider clears), keeping the version for the next write.
    /// Clearing a record that has no state with a null ETag changes nothing and adds no history row.
    /// </remarks>
    public async Task ClearAsync(GrainStateKey key, string? expectedETag, HistoryEntry entry,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var keys = Keys.Of(serviceId, key);
        var current = await GetAsync(keys, HeaderProperties, cancellationToken);
        var storedETag = StateETagOf(current);
        if (!string.Equals(storedETag, expectedETag, StringComparison.Ordinal))
        {
            throw Mismatch("clear", key, storedETag, expectedETag);
        }

        if (storedETag is null)
        {
            return;
        }

        var version = await CurrentVersionAsync(keys, current, cancellationToken) + 1;
        var cleared = NewEntity(keys, version);
        cleared[Property.Cleared] = true;
        var history = HistoryEntity(keys, version, entry);
        history[Property.Cleared] = true;
        await SubmitAsync("clear", key, expectedETag, ChangeActions(keys, current, version, cleared, history),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(GrainStateKey key,
        CancellationToken cancellationToken = default)
    {
        var keys = Keys.Of(serviceId, key);
        TableEntity? current = null;
        var rows = new List<TableEntity>();
        await foreach (var entity in QueryStateAndHistoryAsync(keys, select: null, cancellationToken))
        {
            if (entity.RowKey == keys.RowKey)
            {
                current = entity;
            }
            else
            {
                rows.Add(entity);
            }
        }

        var currentETag = StateETagOf(current);
        var currentVersion = current?.GetInt64(Property.Version);
        return rows
            .OrderBy(row => row.GetInt64(Property.Version))
            .Select(row =>
            {
                var version = row.GetInt64(Property.Version) ?? 0;
                var etag = row.GetBoolean(Property.Cleared) == true
                    ? null
                    : row.GetString(Property.StateETag) ?? (version == currentVersion ? currentETag : null);
                var entry = new HistoryEntry(
                    row.GetString(Property.Operation) ?? "",
                    row.GetString(Property.Actor) ?? "",
                    row.GetString(Property.Reason),
                    row.GetDateTimeOffset(Property.RecordedAt) ?? DateTimeOffset.MinValue);
                return new HistoryRecord(version, etag, entry, ReadData(row));
            })
            .ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads which keys of the seeds' state names are stored (one scan per state name), then inserts the others,
    /// each state with its history row in one transaction, several at a time. A key stored meanwhile by someone else
    /// is left alone. When cancelled, the inserted states stay, and a rerun inserts the rest.
    /// </remarks>
    public async Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states, HistoryEntry entry,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(entry);
        var stored = new Dictionary<string, Dictionary<string, TableEntity>>(StringComparer.Ordinal);
        foreach (var stateName in states.Select(seed => seed?.Key.StateName
                     ?? throw new ArgumentNullException(nameof(states))).Distinct(StringComparer.Ordinal))
        {
            var byGrain = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            var partitions = states.Where(seed => seed.Key.StateName == stateName)
                .Select(seed => PartitionKey(serviceId, seed.Key.GrainId))
                .ToList();
            var range = (partitions.Min(StringComparer.Ordinal)!, partitions.Max(StringComparer.Ordinal)!);
            await foreach (var entity in ScanStateAsync(stateName, HeaderProperties, cancellationToken, range))
            {
                if (entity.GetString(Property.GrainId) is { } grainId)
                {
                    byGrain[grainId] = entity;
                }
            }

            stored[stateName] = byGrain;
        }

        var inserted = 0;
        var seen = new ConcurrentDictionary<GrainStateKey, bool>();
        var missing = states.Where(seed =>
            seen.TryAdd(seed.Key, true) &&
            (!stored[seed.Key.StateName].TryGetValue(seed.Key.GrainId, out var entity) || StateETagOf(entity) is null));
        await Parallel.ForEachAsync(missing,
            new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism, CancellationToken = cancellationToken },
            async (seed, token) =>
            {
                var keys = Keys.Of(serviceId, seed.Key);
                stored[seed.Key.StateName].TryGetValue(seed.Key.GrainId, out var current);
                var version = await CurrentVersionAsync(keys, current, token) + 1;
                var state = NewEntity(keys, version);
                WriteData(state, seed.StateJson);
                var history = HistoryEntity(keys, version, entry);
                WriteData(history, seed.StateJson);
                try
                {
                    await table.SubmitTransactionAsync(ChangeActions(keys, current, version, state, history), token);
                    Interlocked.Increment(ref inserted);
                }
                catch (TableTransactionFailedException e) when (IsConditionFailure(e))
                {
                    // Stored by someone else since the scan: seeding never overwrites.
                }
            });

        return inserted;
    }

    /// <inheritdoc />
    /// <remarks>Scans the table for the state name, then returns the keys in ordinal order of the grain id.</remarks>
    public async IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var grainIds = new List<string>();
        await foreach (var entity in ScanStateAsync(stateName, HeaderProperties, cancellationToken))
        {
            // Entities the official provider wrote lack the unsanitized id, which cannot be recovered from the key.
            if (entity.GetBoolean(Property.Cleared) != true && entity.GetString(Property.GrainId) is { } grainId)
            {
                grainIds.Add(grainId);
            }
        }

        grainIds.Sort(StringComparer.Ordinal);
        foreach (var grainId in grainIds)
        {
            yield return new GrainStateKey(stateName, grainId);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The table cannot filter on the grain id. Without a filter: one scan of the state name's entities with their
    /// data. With one (an index partition taking its share): a scan of the entities' headers, then the accepted states
    /// read by key, <see cref="SeedParallelism"/> at a time, so each state's data crosses the wire once rather than
    /// once per partition.
    /// </remarks>
    public async IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName,
        Func<string, bool>? grainIdFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        if (grainIdFilter is null)
        {
            var records = new List<StoredRecord>();
            await foreach (var entity in ScanStateAsync(stateName, select: null, cancellationToken))
            {
                if (entity.GetBoolean(Property.Cleared) != true && entity.GetString(Property.GrainId) is { } grainId &&
                    ReadData(entity) is { } json)
                {
                    records.Add(new StoredRecord(new GrainStateKey(stateName, grainId),
                        new StoredGrainState(entity.ETag.ToString(), entity.GetInt64(Property.Version) ?? 0, json)));
                }
            }

            records.Sort((x, y) => string.CompareOrdinal(x.Key.GrainId, y.Key.GrainId));
            foreach (var record in records)
            {
                yield return record;
            }

            yield break;
        }

        var wanted = new List<GrainStateKey>();
        await foreach (var key in ListKeysAsync(stateName, cancellationToken))
        {
            if (grainIdFilter(key.GrainId))
            {
                wanted.Add(key);
            }
        }

        foreach (var batch in wanted.Chunk(SeedParallelism))
        {
            var states = await Task.WhenAll(batch.Select(key => ReadAsync(key, cancellationToken)));
            for (var i = 0; i < batch.Length; i++)
            {
                if (states[i] is { } state)
                {
                    yield return new StoredRecord(batch[i], state);
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: [Property.GrainId],
                           cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }
    }

    private async Task<TableEntity?> GetAsync(Keys keys, IEnumerable<string>? select,
        CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(keys.PartitionKey, keys.RowKey, select,
            cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        if (select is not null && entity.GetInt64(Property.Version) is null)
        {
            // Written by the official provider: only the whole entity tells whether it holds a state.
            return await GetAsync(keys, select: null, cancellationToken);
        }

        if (entity.GetString(Property.GrainId) is { } stored && stored != keys.Key.GrainId)
        {
            throw new InvalidOperationException(
                $"Grain ids '{stored}' and '{keys.Key.GrainId}' map to the same Azure Table key " +
                $"'{keys.PartitionKey}' (the official sanitizer replaces / \\ # ? with _); refusing to mix them.");
        }

        return entity;
    }

    // The version of the stored entity; an entity written by the official provider has none, and continues from
    // the history (empty then: 0).
    private async Task<long> CurrentVersionAsync(Keys keys, TableEntity? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return 0;
        }

        if (current.GetInt64(Property.Version) is { } version)
        {
            return version;
        }

        long last = 0;
        await foreach (var row in QueryStateAndHistoryAsync(keys, [Property.Version], cancellationToken))
        {
            if (row.RowKey != keys.RowKey && row.GetInt64(Property.Version) is { } rowVersion)
            {
                last = Math.Max(last, rowVersion);
            }
        }

        return last;
    }

    // The state entity (added, or replaced if its ETag is still the one read), the new history row, and the ETag of
    // the version being replaced recorded on that version's history row.
    private static List<TableTransactionAction> ChangeActions(Keys keys, TableEntity? current, long version,
        TableEntity state, TableEntity history)
    {
        var actions = new List<TableTransactionAction>
        {
            current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, current.ETag),
            new(TableTransactionActionType.Add, history),
        };
        if (current is not null && StateETagOf(current) is { } replacedETag
            && current.GetInt64(Property.Version) is not null)
        {
            var replaced = new TableEntity(keys.PartitionKey, HistoryRowKey(keys.RowKey, version - 1))
            {
                [Property.StateETag] = replacedETag,
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, replaced));
        }

        return actions;
    }

    private async Task<IReadOnlyList<Response>> SubmitAsync(string operation, GrainStateKey key, string? expectedETag,
        List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            return (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
        }
        catch (TableTransactionFailedException e) when (IsConditionFailure(e))
        {
            var stored = StateETagOf(await GetAsync(Keys.Of(serviceId, key), HeaderProperties, cancellationToken));
            throw Mismatch(operation, key, stored, expectedETag, e);
        }
    }

    private IAsyncEnumerable<TableEntity> QueryStateAndHistoryAsync(Keys keys, IEnumerable<string>? select,
        CancellationToken cancellationToken)
    {
        var (from, to) = StateAndHistoryRange(keys.RowKey);
        var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {keys.PartitionKey} and RowKey ge {from} and RowKey lt {to}") + " and " +
            TableClient.CreateQueryFilter($"GrainId eq {keys.Key.GrainId} and StateName eq {keys.Key.StateName}");
        return table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken);
    }

    // Every state entity of one state name in this service: partition keys start with "{ServiceId}_" ('`' follows
    // '_'), row key is the state name. A seeding batch narrows the scan to its own partition keys.
    private IAsyncEnumerable<TableEntity> ScanStateAsync(string stateName, IEnumerable<string>? select,
        CancellationToken cancellationToken, (string First, string Last)? partitions = null)
    {
        var service = Sanitize(serviceId);
        var filter = partitions is var (first, last)
            ? TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {service + "_"} and PartitionKey lt {service + "`"}");
        filter += " and " + TableClient.CreateQueryFilter($"RowKey eq {RowKey(stateName)} and StateName eq {stateName}");
        return table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: select,
            cancellationToken: cancellationToken);
    }

    private static TableEntity NewEntity(Keys keys, long version) => new(keys.PartitionKey, keys.RowKey)
    {
        [Property.GrainId] = keys.Key.GrainId,
        [Property.StateName] = keys.Key.StateName,
        [Property.Version] = version,
    };

    private static TableEntity HistoryEntity(Keys keys, long version, HistoryEntry entry)
    {
        var history = new TableEntity(keys.PartitionKey, HistoryRowKey(keys.RowKey, version))
        {
            [Property.GrainId] = keys.Key.GrainId,
            [Property.StateName] = keys.Key.StateName,
            [Property.Version] = version,
            [Property.Operation] = entry.Operation,
            [Property.Actor] = entry.Actor,
            [Property.RecordedAt] = entry.RecordedAt.ToUniversalTime(),
        };
        if (entry.Reason is not null)
        {
            history[Property.Reason] = entry.Reason;
        }

        return history;
    }

    // A state entity without data is a cleared state: there is no state, so no ETag a caller could hold.
    private static string? StateETagOf(TableEntity? entity) =>
        entity is null || entity.GetBoolean(Property.Cleared) == true
        || (!entity.ContainsKey(Property.Data) && !entity.ContainsKey(Property.Version))
            ? null
            : entity.ETag.ToString();

    private static bool IsConditionFailure(RequestFailedException e) => e.Status is 404 or 409 or 412;

    private static InconsistentStateException Mismatch(string operation, GrainStateKey key, string? storedETag,
        string? expectedETag, Exception? inner = null) =>
        new($"Cannot {operation} state '{key.StateName}' of grain '{key.GrainId}': the stored ETag is " +
            $"{Describe(storedETag)} but the caller expected {Describe(expectedETag)}.",
            storedETag, expectedETag, inner!);

    private static string Describe(string? etag) => etag is null ? "none (no state stored)" : $"'{etag}'";

    private readonly record struct Keys(GrainStateKey Key, string PartitionKey, string RowKey)
    {
        public static Keys Of(string serviceId, GrainStateKey key) =>
            new(key, AzureTableLayout.PartitionKey(serviceId, key.GrainId), AzureTableLayout.RowKey(key.StateName));
    }
}
