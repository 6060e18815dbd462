using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Registry.Abstractions.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>One partition of the person-name index; see <see cref="IPersonNameIndexGrain"/>.</summary>
[GrainType(StorageNames.PersonNameIndex)]
public sealed class PersonNameIndexGrain(
    [PersistentState(StorageNames.PersonNameIndex, StorageNames.Provider)]
    IPersistentState<RecordEntriesState<PersonNameEntry>> state, IStoredRecords records) : Grain, IPersonNameIndexGrain
{
    // Where the storage reads key ranges, a record's entries are its own row (RecordEntryRows), whoever sends them:
    // this partition's state is then only read, as earlier builds left it.
    public Task ApplyAsync(string recordKey, IReadOnlyList<PersonNameEntry> entries) =>
        records.ReadsPrefixes
            ? RecordEntryRows.WriteAsync(Storage, StorageNames.PersonNameIndex, this.GetPrimaryKeyString(), recordKey,
                entries)
            : state.ApplyAsync(recordKey, entries, "apply-name-entries");

    public Task ApplyManyAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord) =>
        records.ReadsPrefixes
            ? Task.WhenAll(byRecord.Select(record => RecordEntryRows.WriteAsync(Storage, StorageNames.PersonNameIndex,
                this.GetPrimaryKeyString(), record.Key, record.Value)))
            : state.ApplyManyAsync(byRecord, "apply-name-entries");

    private IGrainStorage Storage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);

    /// <summary>This partition's state and, where records keep rows of their own (see <see cref="RecordEntryRows"/>),
    /// their rows, read from storage on each call (they are written without this grain).</summary>
    public async Task<IReadOnlyList<PersonNameEntry>> GetEntriesAsync() =>
        records.ReadsPrefixes
            ? await RecordEntryRows.ReadAsync(records, StorageNames.PersonNameIndex, this.GetPrimaryKeyString(),
                state.State)
            : state.State.All();
}
