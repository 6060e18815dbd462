using Registry.Abstractions.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>One partition of the person-name index; see <see cref="IPersonNameIndexGrain"/>.</summary>
[GrainType(StorageNames.PersonNameIndex)]
public sealed class PersonNameIndexGrain(
    [PersistentState(StorageNames.PersonNameIndex, StorageNames.Provider)]
    IPersistentState<RecordEntriesState<PersonNameEntry>> state) : Grain, IPersonNameIndexGrain
{
    public Task ApplyAsync(string recordKey, IReadOnlyList<PersonNameEntry> entries) =>
        state.ApplyAsync(recordKey, entries, "apply-name-entries");

    /// <summary>
    /// A bulk publication (the archive import) reaches each of the 160,000 partitions about once a batch, holding
    /// every partition it touched in memory until the collection age, which it never reaches while the import runs:
    /// 3.4 million archived marriages held 160,000 partitions and their 6.8 million entries resident (with the office
    /// registers, 15 GB). So the partition goes once it has stored them, and the next batch reads it again.
    /// </summary>
    public async Task ApplyManyAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord)
    {
        await state.ApplyManyAsync(byRecord, "apply-name-entries");
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<PersonNameEntry>> GetEntriesAsync() => Task.FromResult(state.State.All());
}
