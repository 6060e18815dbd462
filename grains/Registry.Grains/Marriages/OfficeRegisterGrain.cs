using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Registry.Abstractions.Marriages;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>One partition of an office's register for one day; see <see cref="IOfficeRegisterGrain"/>.</summary>
[GrainType(StorageNames.OfficeRegister)]
public sealed class OfficeRegisterGrain(
    [PersistentState(StorageNames.OfficeRegister, StorageNames.Provider)]
    IPersistentState<RecordEntriesState<OfficeDayEntry>> state, IStoredRecords records) : Grain, IOfficeRegisterGrain
{
    // Where the storage reads key ranges, a record's entries are its own row (RecordEntryRows), whoever sends them:
    // this partition's state is then only read, as earlier builds left it.
    public Task ApplyAsync(string recordKey, IReadOnlyList<OfficeDayEntry> entries) =>
        records.ReadsPrefixes
            ? RecordEntryRows.WriteAsync(Storage, StorageNames.OfficeRegister, this.GetPrimaryKeyString(), recordKey,
                entries)
            : state.ApplyAsync(recordKey, entries, "apply-register-entries");

    public Task ApplyManyAsync(IReadOnlyDictionary<string, List<OfficeDayEntry>> byRecord) =>
        records.ReadsPrefixes
            ? Task.WhenAll(byRecord.Select(record => RecordEntryRows.WriteAsync(Storage, StorageNames.OfficeRegister,
                this.GetPrimaryKeyString(), record.Key, record.Value)))
            : state.ApplyManyAsync(byRecord, "apply-register-entries");

    private IGrainStorage Storage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);

    /// <summary>This partition's state and, where records keep rows of their own (see <see cref="RecordEntryRows"/>),
    /// their rows, read from storage on each call (they are written without this grain).</summary>
    public async Task<IReadOnlyList<OfficeDayEntry>> GetEntriesAsync() =>
        records.ReadsPrefixes
            ? await RecordEntryRows.ReadAsync(records, StorageNames.OfficeRegister, this.GetPrimaryKeyString(),
                state.State)
            : state.State.All();
}
