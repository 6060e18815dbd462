using Orleans.Storage;
using Registry.Abstractions.Auditing;
using Registry.Grains.Storage;

namespace Registry.Grains.Publishing;

/// <summary>
/// A record's entries in one partition of a read model (an office's day register, the person-name index) kept as a
/// row of their own, a <see cref="RecordEntriesState{TEntry}"/> holding that record alone, stored under the
/// partition's state name at the key <c>{partition}/{record}</c>, where the storage reads key ranges
/// (<see cref="IStoredRecords.ReadsPrefixes"/>). A registration then inserts a small row straight through the grain
/// storage, in the same group commit as its other writes, instead of calling the partition's grain, which read, grew
/// and rewrote the whole partition's state on every record reaching it (a profile of a registration: a grain call and
/// a rewrite of one to a few KB, three times over). Readers take the partition's own state (written by earlier builds,
/// and where the storage reads no key ranges) and its rows, a record's row replacing what the state holds for it.
/// Idempotent as the partitions are: a row is replaced whole, and writing the same entries again changes nothing.
/// </summary>
public static class RecordEntryRows
{
    // A record's grain is the only writer of its rows, one turn at a time; a bulk publication of a record stored
    // without its grain may meet it once (see MarriageBulkPublisher), so a few tries settle any race.
    private const int MaxTries = 4;

    /// <summary>The grain key of <paramref name="recordKey"/>'s row in <paramref name="partitionKey"/>.</summary>
    public static string KeyOf(string partitionKey, string recordKey) => $"{partitionKey}/{recordKey}";

    /// <summary>The partition of a row's grain key (record keys hold no <c>/</c>).</summary>
    public static string PartitionOf(string rowKey) => rowKey[..rowKey.LastIndexOf('/')];

    /// <summary>
    /// Whether the state stored at <paramref name="key"/> (a grain key, or a grain id's text) is a record's row: it
    /// holds that one record, whose key ends the grain key after a <c>/</c>. A partition's own state whose key merely
    /// continues another partition's key (a person's name may hold <c>#</c> and <c>/</c>) is not taken for one.
    /// </summary>
    public static bool IsRow<TEntry>(string key, RecordEntriesState<TEntry>? state) =>
        key.LastIndexOf('/') is var slash and >= 0 && state is { ByRecord.Count: 1 } &&
        state.ByRecord.ContainsKey(key[(slash + 1)..]);

    /// <summary>
    /// Stores <paramref name="entries"/> as what <paramref name="recordKey"/> contributes to
    /// <paramref name="partitionKey"/> of the read model <paramref name="stateName"/> (its grain type too): an insert
    /// for a new record, else a replacement of the stored row when it differs. Durable on return; throws when it could
    /// not be stored (the outbox relay has the record publish again).
    /// </summary>
    public static async Task WriteAsync<TEntry>(IGrainStorage storage, string stateName, string partitionKey,
        string recordKey, IReadOnlyList<TEntry> entries)
    {
        var id = GrainId.Create(stateName, KeyOf(partitionKey, recordKey));
        var state = new RecordEntriesState<TEntry>();
        state.ByRecord[recordKey] = entries.ToList();
        var row = new GrainState<RecordEntriesState<TEntry>>(state);
        for (var tries = 1; ; tries++)
        {
            try
            {
                using (AuditScope.Begin("apply-record-entries", recordKey))
                {
                    await storage.WriteStateAsync(stateName, id, row);
                }

                return;
            }
            catch (InconsistentStateException) when (tries < MaxTries)
            {
                var stored = await storage.ReadStoredAsync<RecordEntriesState<TEntry>>(stateName, id);
                if (stored is { RecordExists: true, State: { ByRecord.Count: 1 } held } &&
                    held.ByRecord.GetValueOrDefault(recordKey) is { } known && known.SequenceEqual(entries))
                {
                    return;
                }

                row.ETag = stored.ETag;
            }
        }
    }

    /// <summary>
    /// Every entry of partition <paramref name="partitionKey"/>: <paramref name="partition"/>'s own state, each
    /// record's row replacing what that state holds for it.
    /// </summary>
    public static async Task<IReadOnlyList<TEntry>> ReadAsync<TEntry>(IStoredRecords records, string stateName,
        string partitionKey, RecordEntriesState<TEntry> partition)
    {
        var rows = await records.ReadPrefixAsync<RecordEntriesState<TEntry>>(stateName,
            GrainId.Create(stateName, KeyOf(partitionKey, "")).ToString());
        return rows is null or { Count: 0 }
            ? partition.All()
            : Merge(partition, rows.Where(r => IsRow(r.GrainId, r.State)).Select(r => r.State));
    }

    /// <summary>A partition's own state with its rows laid over it, in the state's order and then the rows'.</summary>
    public static IReadOnlyList<TEntry> Merge<TEntry>(RecordEntriesState<TEntry>? partition,
        IEnumerable<RecordEntriesState<TEntry>?> rows)
    {
        var byRecord = partition is null
            ? new Dictionary<string, List<TEntry>>(StringComparer.Ordinal)
            : new Dictionary<string, List<TEntry>>(partition.ByRecord, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row is null)
            {
                continue;
            }

            foreach (var (recordKey, entries) in row.ByRecord)
            {
                byRecord[recordKey] = entries;
            }
        }

        return byRecord.Values.SelectMany(entries => entries).ToList();
    }
}
