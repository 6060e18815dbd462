using Registry.Abstractions.Marriages;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>One office's register for one day; see <see cref="IOfficeRegisterGrain"/>.</summary>
[GrainType(StorageNames.OfficeRegister)]
public sealed class OfficeRegisterGrain(
    [PersistentState(StorageNames.OfficeRegister, StorageNames.Provider)]
    IPersistentState<OfficeRegisterState> state) : Grain, IOfficeRegisterGrain
{
    public async Task ApplyAsync(string recordKey, IReadOnlyList<OfficeDayEntry> entries)
    {
        var known = state.State.ByRecord.GetValueOrDefault(recordKey);
        if (known is null ? entries.Count == 0 : known.SequenceEqual(entries))
        {
            return;
        }

        if (entries.Count == 0)
        {
            state.State.ByRecord.Remove(recordKey);
        }
        else
        {
            state.State.ByRecord[recordKey] = entries.ToList();
        }

        try
        {
            await state.WriteAuditedAsync("apply-register-entries", recordKey);
        }
        catch
        {
            // Memory follows storage: the sender tries again.
            await state.ReadStateAsync();
            throw;
        }
    }

    public Task<IReadOnlyList<OfficeDayEntry>> GetEntriesAsync() =>
        Task.FromResult<IReadOnlyList<OfficeDayEntry>>(state.State.ByRecord.Values.SelectMany(e => e).ToList());
}
