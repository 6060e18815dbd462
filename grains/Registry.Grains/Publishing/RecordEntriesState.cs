using Registry.Grains.Storage;

namespace Registry.Grains.Publishing;

/// <summary>
/// Stored state of one partition of a read model fed by a <see cref="PartitionFeed{TEntry}"/> (an office's day
/// register, the person-name index): the entries each record contributes there, by record key.
/// </summary>
public sealed class RecordEntriesState<TEntry>
{
    public Dictionary<string, List<TEntry>> ByRecord { get; set; } = new(StringComparer.Ordinal);

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
        string recordKey, IReadOnlyList<TEntry> entries, string operation)
    {
        var known = state.State.ByRecord.GetValueOrDefault(recordKey);
        if (known is null ? entries.Count == 0 : known.SequenceEqual(entries))
        {
            return;
        }

        if (entries.Count == 0)
        {
            state.State.ByRecord.Remove(recordKey);
        }
        else
        {
            state.State.ByRecord[recordKey] = entries.ToList();
        }

        try
        {
            await state.WriteAuditedAsync(operation, recordKey);
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
