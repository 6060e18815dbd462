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

    public Task ApplyManyAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord) =>
        state.ApplyManyAsync(byRecord, "apply-name-entries");

    public Task<IReadOnlyList<PersonNameEntry>> GetEntriesAsync() => Task.FromResult(state.State.All());
}
