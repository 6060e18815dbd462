using System.Text.Json.Serialization;
using Registry.Grains.Storage;

namespace Registry.Grains.Publishing;

/// <summary>
/// Stored state of one partition of a read model fed by a <see cref="PartitionFeed{TEntry}"/> (an office's day
/// register, the person-name index): the entries each record contributes there, by record key.
/// </summary>
public sealed class RecordEntriesState<TEntry>
{
    public Dictionary<string, List<TEntry>> ByRecord { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether this partition outgrew its bound and handed its records to child partitions, holding none itself from
    /// then on (the person-name index, whose commonest names are borne by hundreds of thousands; an office's register
    /// on the day an archive is imported: see <see cref="PartitionSplits"/>). False for every partition that never
    /// did, and in states stored before partitions could split. Written only when true: a partition that never
    /// split stores what it stored before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Split { get; set; }

    /// <summary>How this partition picks each record's child once split: recorded by the split (every split since
    /// 2026-12-07 by <see cref="ChildHash.Mixed"/>); <see cref="ChildHash.LowBits"/>, the default, which is not
    /// written, in partitions split before. Unused while a partition is unsplit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ChildHash Children { get; set; }

    /// <summary>Every entry of the partition.</summary>
    public IReadOnlyList<TEntry> All() => ByRecord.Values.SelectMany(entries => entries).ToList();
}

/// <summary>How a partition grain applies what a feed sends it.</summary>
public static class RecordEntries
{
    /// <summary>
    /// Replaces what record <paramref name="recordKey"/> contributes with <paramref name="entries"/> (none removes
    /// it) and stores the partition, only when that changes something: sending again is harmless. A failed write
    /// reloads the stored state, so memory follows storage and the sender's retry is not taken for a repeat.
    /// </summary>
    public static async Task ApplyAsync<TEntry>(this IPersistentState<RecordEntriesState<TEntry>> state,
        string recordKey, IReadOnlyList<TEntry> entries)
    {
        if (Replace(state.State, recordKey, entries))
        {
            await state.WriteOrReloadAsync();
        }
    }

    /// <summary>
    /// Replaces what each record of <paramref name="byRecord"/> contributes, as <see cref="ApplyAsync{TEntry}"/> does
    /// for one, and stores the partition once for all of them, only when that changes something: how a bulk
    /// publication (many records at once, e.g. an archive import) reaches a partition in one call and one write.
    /// </summary>
    public static async Task ApplyManyAsync<TEntry>(this IPersistentState<RecordEntriesState<TEntry>> state,
        IReadOnlyDictionary<string, List<TEntry>> byRecord)
    {
        var changed = 0;
        foreach (var (recordKey, entries) in byRecord)
        {
            changed += Replace(state.State, recordKey, entries) ? 1 : 0;
        }

        if (changed > 0)
        {
            await state.WriteOrReloadAsync();
        }
    }

    /// <summary>Replaces what one record contributes; whether that changed anything.</summary>
    private static bool Replace<TEntry>(RecordEntriesState<TEntry> partition, string recordKey,
        IReadOnlyList<TEntry> entries)
    {
        var known = partition.ByRecord.GetValueOrDefault(recordKey);
        if (known is null ? entries.Count == 0 : known.SequenceEqual(entries))
        {
            return false;
        }

        if (entries.Count == 0)
        {
            partition.ByRecord.Remove(recordKey);
        }
        else
        {
            partition.ByRecord[recordKey] = entries.ToList();
        }

        return true;
    }
}
