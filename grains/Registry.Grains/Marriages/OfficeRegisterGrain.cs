using Registry.Abstractions.Marriages;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>One partition of an office's register for one day; see <see cref="IOfficeRegisterGrain"/>.</summary>
[GrainType(StorageNames.OfficeRegister)]
public sealed class OfficeRegisterGrain(
    [PersistentState(StorageNames.OfficeRegister, StorageNames.Provider)]
    IPersistentState<RecordEntriesState<OfficeDayEntry>> state) : Grain, IOfficeRegisterGrain
{
    public Task ApplyAsync(string recordKey, IReadOnlyList<OfficeDayEntry> entries) =>
        state.ApplyAsync(recordKey, entries, "apply-register-entries");

    public Task ApplyManyAsync(IReadOnlyDictionary<string, List<OfficeDayEntry>> byRecord) =>
        state.ApplyManyAsync(byRecord, "apply-register-entries");

    public Task<IReadOnlyList<OfficeDayEntry>> GetEntriesAsync() => Task.FromResult(state.State.All());
}
