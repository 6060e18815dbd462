using Registry.Abstractions.Persons;
using Registry.Grains.Publishing;

namespace Registry.Grains.Persons;

/// <summary>One partition of the person-name index; see <see cref="IPersonNameIndexGrain"/>. Bounded: a partition that
/// fills splits into children and passes what it is sent on to them (<see cref="SplittingPartition{TEntry}"/>).</summary>
[GrainType(StorageNames.PersonNameIndex)]
public sealed class PersonNameIndexGrain(
    [PersistentState(StorageNames.PersonNameIndex, StorageNames.Provider)]
    IPersistentState<RecordEntriesState<PersonNameEntry>> state) : Grain, IPersonNameIndexGrain
{
    private SplittingPartition<PersonNameEntry> Partition => new(state, this.GetPrimaryKeyString(),
        (child, recordKey, entries) => Child(child).ApplyAsync(recordKey, entries),
        (child, byRecord) => Child(child).ApplyManyAsync(byRecord),
        (child, byRecord) => Child(child).SetFromSplitAsync(byRecord),
        child => Child(child).GetEntriesAsync());

    public Task ApplyAsync(string recordKey, IReadOnlyList<PersonNameEntry> entries) =>
        Partition.ApplyAsync(recordKey, entries);

    /// <summary>
    /// A bulk publication (the archive import) reaches each of the 160,000 partitions about once a batch, holding
    /// every partition it touched in memory until the collection age, which it never reaches while the import runs:
    /// 3.4 million archived marriages held 160,000 partitions and their 6.8 million entries resident (with the office
    /// registers, 15 GB). So the partition goes once it has stored them, and the next batch reads it again.
    /// </summary>
    public async Task ApplyManyAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord)
    {
        await Partition.ApplyManyAsync(byRecord);
        DeactivateOnIdle();
    }

    public Task SetFromSplitAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord) =>
        Partition.SetAsync(byRecord);

    public Task<IReadOnlyList<PersonNameEntry>> GetEntriesAsync() => Partition.GetEntriesAsync();

    private IPersonNameIndexGrain Child(string key) => GrainFactory.GetGrain<IPersonNameIndexGrain>(key);
}
