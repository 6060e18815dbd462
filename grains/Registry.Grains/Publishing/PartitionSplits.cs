using System.IO.Hashing;
using System.Runtime.InteropServices;
using Registry.Abstractions.Text;

namespace Registry.Grains.Publishing;

/// <summary>
/// How a partitioned list whose partitions could otherwise grow without bound keeps each stored state bounded (issue
/// 12: no write rewrites a growing list): the person-name index, where the commonest full names are borne by hundreds
/// of thousands of people; an office's day register, which on the day an archive is imported lists every record
/// entered; and a year's provisional divorce deadlines, which list every application received in the weeks before a
/// year whose calendar is not loaded. A partition that holds <see cref="MaxRecords"/> records and is
/// sent a new one splits instead: it hands its records to <see cref="Fanout"/> child partitions (<c>{key}.{n}</c>, n
/// chosen by the record's key), marks itself split and holds none; every later record goes to its child, which splits
/// in turn when it fills. A record's place is fixed by its key, so sending it again replaces (or removes) it where it
/// is. Children are written before the parent is marked split: a reader takes a split partition's children and an
/// unsplit partition's own records, so a split cut short by a crash leaves the parent as it was (its children's copies
/// unread) and is done again on the next record, each child set to exactly its records, whatever the cut-short split
/// left there. A partition stores the <see cref="ChildHash"/> it splits by, so a record always finds the child it
/// went to.
/// </summary>
public static class PartitionSplits
{
    /// <summary>The most records a partition holds; a new one beyond it splits the partition.</summary>
    public const int MaxRecords = 64;

    /// <summary>How many children a split partition hands its records to.</summary>
    public const int Fanout = 16;

    /// <summary>Whether a partition holding <paramref name="held"/> records would pass <see cref="MaxRecords"/> with
    /// <paramref name="added"/> new ones: the one bound of every splitting partition.</summary>
    public static bool Outgrows(int held, int added) => held + added > MaxRecords;

    /// <summary>Whether <paramref name="recordKey"/>'s <paramref name="entries"/> would take
    /// <paramref name="partition"/> past its bound: a new record with entries, the partition full.</summary>
    public static bool Outgrows<TEntry>(RecordEntriesState<TEntry> partition, string recordKey,
        IReadOnlyCollection<TEntry> entries) =>
        Outgrows(partition.ByRecord.Count, entries.Count > 0 && !partition.ByRecord.ContainsKey(recordKey) ? 1 : 0);

    /// <summary>Whether the records of <paramref name="byRecord"/> would take <paramref name="partition"/> past its
    /// bound.</summary>
    public static bool Outgrows<TEntry>(RecordEntriesState<TEntry> partition,
        IReadOnlyDictionary<string, List<TEntry>> byRecord) =>
        Outgrows(partition.ByRecord.Count,
            byRecord.Count(r => r.Value.Count > 0 && !partition.ByRecord.ContainsKey(r.Key)));

    /// <summary>The child of split partition <paramref name="partitionKey"/> that holds
    /// <paramref name="recordKey"/>'s entries, by the hash the partition split by: the same in every process.</summary>
    public static string ChildOf(string partitionKey, string recordKey, ChildHash hash)
    {
        var text = $"{partitionKey}/{recordKey}";
        return ChildKey(partitionKey, hash == ChildHash.Mixed
            ? (int)(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan())) % Fanout)
            : PartitionHash.Partition(text, Fanout));
    }

    /// <summary>Every child of split partition <paramref name="partitionKey"/>, in order.</summary>
    public static IEnumerable<string> ChildrenOf(string partitionKey) =>
        Enumerable.Range(0, Fanout).Select(n => ChildKey(partitionKey, n));

    /// <summary>
    /// The entries of record-entries partition <paramref name="partitionKey"/> from stored partitions looked up by
    /// <paramref name="stored"/> (null where none is stored): its own when it is not split, else its children's, depth
    /// first in child order. Partitions not reached from it (the children of an unsplit partition, left by a split cut
    /// short) are not read.
    /// </summary>
    public static IEnumerable<TEntry> EntriesOf<TEntry>(string partitionKey,
        Func<string, RecordEntriesState<TEntry>?> stored) =>
        EntriesOf(partitionKey, stored, partition => partition.Split, partition => partition.All());

    /// <summary>
    /// <see cref="EntriesOf{TEntry}(string, Func{string, RecordEntriesState{TEntry}?})"/> over stored partitions read
    /// in another shape (a search reads only what it uses of each entry): whether one is <paramref name="split"/>, and
    /// its own <paramref name="entries"/>.
    /// </summary>
    public static IEnumerable<TEntry> EntriesOf<TPartition, TEntry>(string partitionKey,
        Func<string, TPartition?> stored, Func<TPartition, bool> split, Func<TPartition, IEnumerable<TEntry>> entries)
        where TPartition : class =>
        stored(partitionKey) switch
        {
            null => [],
            var partition when split(partition) =>
                ChildrenOf(partitionKey).SelectMany(child => EntriesOf(child, stored, split, entries)),
            var leaf => entries(leaf),
        };

    /// <summary>
    /// The stored partitions that hold <paramref name="byRecord"/> under <paramref name="partitionKey"/>, laid out at
    /// once as a partition sent them one by one would have kept them: one partition of them all when they fit
    /// (<see cref="MaxRecords"/>), else the children of each record's <see cref="ChildHash.Mixed"/> child, laid out
    /// in turn, then the parent marked split (children before their parent, as a split writes them). Every partition
    /// records the mixed hash. How a migration writes a read model's partitions without a grain.
    /// </summary>
    public static IEnumerable<(string Key, RecordEntriesState<TEntry> State)> Layout<TEntry>(string partitionKey,
        IReadOnlyDictionary<string, List<TEntry>> byRecord)
    {
        if (!Outgrows(byRecord.Count, 0))
        {
            yield return (partitionKey, new RecordEntriesState<TEntry>
            {
                ByRecord = new Dictionary<string, List<TEntry>>(byRecord, StringComparer.Ordinal),
                Children = ChildHash.Mixed,
            });
            yield break;
        }

        foreach (var child in byRecord.GroupBy(r => ChildOf(partitionKey, r.Key, ChildHash.Mixed), StringComparer.Ordinal))
        {
            foreach (var laid in Layout(child.Key, child.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal)))
            {
                yield return laid;
            }
        }

        yield return (partitionKey, new RecordEntriesState<TEntry> { Split = true, Children = ChildHash.Mixed });
    }

    private static string ChildKey(string partitionKey, int n) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{partitionKey}.{n}");
}

/// <summary>How a split partition picks each record's child; stored with the split (its default, absent from states
/// stored before there was a choice, is the first).</summary>
public enum ChildHash
{
    /// <summary>FNV-1a modulo <see cref="PartitionSplits.Fanout"/>: its low bits, which depend only on the low bits of
    /// each character, so a partition's records (already alike in them) can all fall in one child, and that child's
    /// in one of its own, without end. Partitions split before 2026-12-07 route by it still.</summary>
    LowBits = 0,

    /// <summary>XXH3 of the UTF-16 code units modulo <see cref="PartitionSplits.Fanout"/>, every bit of the input mixed
    /// into the low ones: every split since, and every partition first stored since.</summary>
    Mixed = 1,
}
