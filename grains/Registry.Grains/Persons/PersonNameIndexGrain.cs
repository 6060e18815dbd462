using Registry.Abstractions.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>One partition of the person-name index; see <see cref="IPersonNameIndexGrain"/>. Bounded: a partition that
/// fills splits into children and passes what it is sent on to them (<see cref="PartitionSplits"/>).</summary>
[GrainType(StorageNames.PersonNameIndex)]
public sealed class PersonNameIndexGrain(
    [PersistentState(StorageNames.PersonNameIndex, StorageNames.Provider)]
    IPersistentState<RecordEntriesState<PersonNameEntry>> state) : Grain, IPersonNameIndexGrain
{
    private string Key => this.GetPrimaryKeyString();

    public async Task ApplyAsync(string recordKey, IReadOnlyList<PersonNameEntry> entries)
    {
        if (!state.State.Split && !PartitionSplits.Outgrows(state.State, recordKey, entries))
        {
            await state.ApplyAsync(recordKey, entries, "apply-name-entries");
            return;
        }

        await SplitAsync();
        await Child(PartitionSplits.ChildOf(Key, recordKey)).ApplyAsync(recordKey, entries);
    }

    /// <summary>
    /// A bulk publication (the archive import) reaches each of the 160,000 partitions about once a batch, holding
    /// every partition it touched in memory until the collection age, which it never reaches while the import runs:
    /// 3.4 million archived marriages held 160,000 partitions and their 6.8 million entries resident (with the office
    /// registers, 15 GB). So the partition goes once it has stored them, and the next batch reads it again.
    /// </summary>
    public async Task ApplyManyAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord)
    {
        if (!state.State.Split && !PartitionSplits.Outgrows(state.State, byRecord))
        {
            await state.ApplyManyAsync(byRecord, "apply-name-entries");
        }
        else
        {
            await SplitAsync();
            await PassOnAsync(byRecord);
        }

        DeactivateOnIdle();
    }

    public async Task<IReadOnlyList<PersonNameEntry>> GetEntriesAsync() =>
        state.State.Split
            ? (await Task.WhenAll(PartitionSplits.ChildrenOf(Key).Select(child => Child(child).GetEntriesAsync())))
                .SelectMany(entries => entries).ToList()
            : state.State.All();

    /// <summary>Hands this partition's records to its children, then stores it split and empty (children first: see
    /// <see cref="PartitionSplits"/>). Nothing to do once split.</summary>
    private async Task SplitAsync()
    {
        if (state.State.Split)
        {
            return;
        }

        var moved = state.State.ByRecord.Count;
        await PassOnAsync(state.State.ByRecord);
        state.State.ByRecord = new Dictionary<string, List<PersonNameEntry>>(StringComparer.Ordinal);
        state.State.Split = true;
        await state.WriteAuditedAsync("split-name-partition",
            $"{moved} records handed to {PartitionSplits.Fanout} child partitions");
    }

    private Task PassOnAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord) =>
        Task.WhenAll(byRecord.GroupBy(record => PartitionSplits.ChildOf(Key, record.Key), StringComparer.Ordinal)
            .Select(child => Child(child.Key).ApplyManyAsync(
                child.ToDictionary(record => record.Key, record => record.Value, StringComparer.Ordinal))));

    private IPersonNameIndexGrain Child(string key) => GrainFactory.GetGrain<IPersonNameIndexGrain>(key);
}
