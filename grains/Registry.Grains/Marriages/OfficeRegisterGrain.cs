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

    /// <summary>
    /// A bulk publication (the archive import, each office's volumes in date order) fills an office's day in one or
    /// two batches and does not come back to it: the register goes once it has stored them, instead of staying for
    /// the collection age (330,000 day registers were resident at 3.4 million archived marriages).
    /// </summary>
    public async Task ApplyManyAsync(IReadOnlyDictionary<string, List<OfficeDayEntry>> byRecord)
    {
        await state.ApplyManyAsync(byRecord, "apply-register-entries");
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<OfficeDayEntry>> GetEntriesAsync() => Task.FromResult(state.State.All());
}
