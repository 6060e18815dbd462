using Registry.Grains.Storage;

namespace Registry.Grains.Publishing;

/// <summary>
/// What a record-entries partition grain does with what a feed sends it, bounded by <see cref="PartitionSplits"/>:
/// apply while the partition holds fewer than <see cref="PartitionSplits.MaxRecords"/> records, else split it (its
/// records handed to its children, children first) and pass the record on to its child. The person-name index (a
/// common name's bearers) and the offices' day registers (an archive imported in a day) each run their partitions
/// through it. Made per call by the grain; its children are grains of the grain's own kind, reached through the four
/// calls given.
/// </summary>
public sealed class SplittingPartition<TEntry>(
    IPersistentState<RecordEntriesState<TEntry>> state,
    string key,
    Func<string, string, IReadOnlyList<TEntry>, Task> applyToChild,
    Func<string, Dictionary<string, List<TEntry>>, Task> applyManyToChild,
    Func<string, Dictionary<string, List<TEntry>>, Task> setChild,
    Func<string, Task<IReadOnlyList<TEntry>>> entriesOfChild)
{
    /// <summary>Replaces what <paramref name="recordKey"/> contributes (see <see cref="RecordEntries"/>), here or in
    /// its child once this partition has split.</summary>
    public async Task ApplyAsync(string recordKey, IReadOnlyList<TEntry> entries)
    {
        if (!state.State.Split && !PartitionSplits.Outgrows(state.State, recordKey, entries))
        {
            await state.ApplyAsync(recordKey, entries);
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
            await state.ApplyManyAsync(byRecord);
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

    /// <summary>Sets this partition, a child of one that splits, to exactly <paramref name="byRecord"/>: unsplit, its
    /// records those. Whatever it held came from a split cut short (its own children, if any, are then unread, and
    /// are set in turn when it splits). Stores nothing where nothing is stored and nothing is handed.</summary>
    public async Task SetAsync(IReadOnlyDictionary<string, List<TEntry>> byRecord)
    {
        if (!state.RecordExists && byRecord.Count == 0)
        {
            return;
        }

        state.State = new RecordEntriesState<TEntry>
        {
            ByRecord = new Dictionary<string, List<TEntry>>(byRecord, StringComparer.Ordinal),
        };
        await state.WriteOrReloadAsync();
    }

    /// <summary>
    /// Sets each of this partition's children to exactly its records (<see cref="SetAsync"/>: every child, those
    /// handed none too), then stores it split and empty (children first: see <see cref="PartitionSplits"/>). Nothing
    /// to do once split. A split cut short by a crash leaves copies in the children of a partition still unsplit,
    /// unread while it stays so (by the low bits, in builds before 2026-12-07); setting the children whole drops
    /// them, of the records it still holds and of those it no longer holds alike. So the hash is the split's alone:
    /// recorded with it, never before.
    /// </summary>
    private async Task SplitAsync()
    {
        if (state.State.Split)
        {
            return;
        }

        var moved = state.State.ByRecord.Count;
        state.State.Children = ChildHash.Mixed; // the records go where later ones will
        var byChild = state.State.ByRecord
            .GroupBy(record => PartitionSplits.ChildOf(key, record.Key, ChildHash.Mixed), StringComparer.Ordinal)
            .ToDictionary(child => child.Key,
                child => child.ToDictionary(record => record.Key, record => record.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);
        await Task.WhenAll(PartitionSplits.ChildrenOf(key).Select(child =>
            setChild(child, byChild.GetValueOrDefault(child) ?? new Dictionary<string, List<TEntry>>())));
        state.State.ByRecord = new Dictionary<string, List<TEntry>>(StringComparer.Ordinal);
        state.State.Split = true;
        await state.WriteOrReloadAsync();
    }

    private Task PassOnAsync(IReadOnlyDictionary<string, List<TEntry>> byRecord) =>
        Task.WhenAll(byRecord.GroupBy(record => PartitionSplits.ChildOf(key, record.Key, state.State.Children),
                StringComparer.Ordinal)
            .Select(child => applyManyToChild(child.Key,
                child.ToDictionary(record => record.Key, record => record.Value, StringComparer.Ordinal))));
}
