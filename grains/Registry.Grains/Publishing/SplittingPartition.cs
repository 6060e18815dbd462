using Registry.Grains.Storage;

namespace Registry.Grains.Publishing;

/// <summary>
/// What a record-entries partition grain does with what a feed sends it, bounded by <see cref="PartitionSplits"/>:
/// apply while the partition holds fewer than <see cref="PartitionSplits.MaxRecords"/> records, else split it (its
/// records handed to its children, children first) and pass the record on to its child. The person-name index (a
/// common name's bearers) and the offices' day registers (an archive imported in a day) each run their partitions
/// through it. Made per call by the grain; its children are grains of the grain's own kind, reached through the three
/// calls given.
/// </summary>
public sealed class SplittingPartition<TEntry>(
    IPersistentState<RecordEntriesState<TEntry>> state,
    string key,
    string applyOperation,
    string splitOperation,
    Func<string, string, IReadOnlyList<TEntry>, Task> applyToChild,
    Func<string, Dictionary<string, List<TEntry>>, Task> applyManyToChild,
    Func<string, Task<IReadOnlyList<TEntry>>> entriesOfChild)
{
    /// <summary>Replaces what <paramref name="recordKey"/> contributes (see <see cref="RecordEntries"/>), here or in
    /// its child once this partition has split.</summary>
    public async Task ApplyAsync(string recordKey, IReadOnlyList<TEntry> entries)
    {
        if (!state.State.Split && !PartitionSplits.Outgrows(state.State, recordKey, entries))
        {
            RecordHash();
            await state.ApplyAsync(recordKey, entries, applyOperation);
            return;
        }

        await SplitAsync();
        await applyToChild(PartitionSplits.ChildOf(key, recordKey, state.State.Children), recordKey, entries);
    }

    /// <summary>Replaces what each record of <paramref name="byRecord"/> contributes, in one write here or one call
    /// a child.</summary>
    public async Task ApplyManyAsync(IReadOnlyDictionary<string, List<TEntry>> byRecord)
    {
        if (!state.State.Split && !PartitionSplits.Outgrows(state.State, byRecord))
        {
            RecordHash();
            await state.ApplyManyAsync(byRecord, applyOperation);
            return;
        }

        await SplitAsync();
        await PassOnAsync(byRecord);
    }

    /// <summary>Every entry: this partition's own, or once split its children's.</summary>
    public async Task<IReadOnlyList<TEntry>> GetEntriesAsync() =>
        state.State.Split
            ? (await Task.WhenAll(PartitionSplits.ChildrenOf(key).Select(entriesOfChild)))
                .SelectMany(entries => entries).ToList()
            : state.State.All();

    private void RecordHash() =>
        state.State.Children = PartitionSplits.HashToStore(state.RecordExists, state.State.Children);

    /// <summary>
    /// Hands this partition's records to its children, then stores it split and empty (children first: see
    /// <see cref="PartitionSplits"/>). Nothing to do once split. A partition stored before splits recorded their hash
    /// may hold a split by the low bits that a crash cut short, its copies left in the low-bit children unread; redone
    /// by the mixed hash, they would be read once this partition is split. So such a partition also removes each
    /// record from its low-bit child where that is not its child now (<see cref="PartitionSplits.LowBitCopies"/>: a
    /// call a child, at this split only).
    /// </summary>
    private async Task SplitAsync()
    {
        if (state.State.Split)
        {
            return;
        }

        var moved = state.State.ByRecord.Count;
        var copies = PartitionSplits.LowBitCopies(key, state.State.Children, state.State.ByRecord.Keys).ToList();
        state.State.Children = ChildHash.Mixed; // the records go where later ones will
        await Task.WhenAll(PassOnAsync(state.State.ByRecord), RemoveAsync(copies));
        state.State.ByRecord = new Dictionary<string, List<TEntry>>(StringComparer.Ordinal);
        state.State.Split = true;
        await state.WriteAuditedAsync(splitOperation,
            $"{moved} records handed to {PartitionSplits.Fanout} child partitions");
    }

    private Task RemoveAsync(IEnumerable<(string Record, string Child)> copies) =>
        Task.WhenAll(copies.GroupBy(copy => copy.Child, StringComparer.Ordinal)
            .Select(child => applyManyToChild(child.Key,
                child.ToDictionary(copy => copy.Record, _ => new List<TEntry>(), StringComparer.Ordinal))));

    private Task PassOnAsync(IReadOnlyDictionary<string, List<TEntry>> byRecord) =>
        Task.WhenAll(byRecord.GroupBy(record => PartitionSplits.ChildOf(key, record.Key, state.State.Children),
                StringComparer.Ordinal)
            .Select(child => applyManyToChild(child.Key,
                child.ToDictionary(record => record.Key, record => record.Value, StringComparer.Ordinal))));
}
