using Registry.Abstractions.Persons;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>One partition of the person-name index; see <see cref="IPersonNameIndexGrain"/>.</summary>
[GrainType(StorageNames.PersonNameIndex)]
public sealed class PersonNameIndexGrain(
    [PersistentState(StorageNames.PersonNameIndex, StorageNames.Provider)]
    IPersistentState<PersonNameIndexState> state) : Grain, IPersonNameIndexGrain
{
    public async Task ApplyAsync(string recordKey, IReadOnlyList<PersonNameEntry> entries)
    {
        var known = state.State.ByRecord.GetValueOrDefault(recordKey);
        if (known is null ? entries.Count == 0 : known.SequenceEqual(entries))
        {
            return;
        }

        state.State.ByRecord[recordKey] = entries.ToList();
        try
        {
            await state.WriteAuditedAsync("apply-name-entries", recordKey);
        }
        catch
        {
            // Memory follows storage: the sender tries again.
            await state.ReadStateAsync();
            throw;
        }
    }

    public Task<IReadOnlyList<PersonNameEntry>> GetEntriesAsync() =>
        Task.FromResult<IReadOnlyList<PersonNameEntry>>(state.State.ByRecord.Values.SelectMany(e => e).ToList());
}
