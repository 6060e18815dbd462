using Registry.Abstractions.Divisions;
using Registry.Grains.Storage;

namespace Registry.Grains.Divisions;

/// <summary>One stored part of the division directory; see <see cref="IDivisionDirectoryPartGrain"/>. The rules are
/// <see cref="DivisionDirectory"/>'s.</summary>
[GrainType(StorageNames.DivisionDirectoryPart)]
public sealed class DivisionDirectoryPartGrain(
    [PersistentState(StorageNames.DivisionDirectoryPart, StorageNames.Provider)]
    IPersistentState<DivisionDirectoryPartState> state,
    IGrainFactory grains) : Grain, IDivisionDirectoryPartGrain
{
    private string Key => this.GetPrimaryKeyString();

    public Task PutAsync(DivisionDirectoryEntry entry) => PutManyAsync([entry]);

    public async Task PutManyAsync(IReadOnlyList<DivisionDirectoryEntry> entries)
    {
        if (entries.FirstOrDefault(entry => DivisionDirectory.PartOf(entry.Code) != Key) is { } stranger)
        {
            throw new ArgumentException(
                $"Division {stranger.Code} belongs to part {DivisionDirectory.PartOf(stranger.Code)}, not {Key}.",
                nameof(entries));
        }

        // The directory learns of the part before its first entry is stored, so no stored entry goes unasked for.
        if (state.State.Entries.Count == 0 && entries.Count > 0)
        {
            await grains.GetGrain<IDivisionDirectoryGrain>(DivisionDirectory.Key).AddPartAsync(Key);
        }

        if (entries.Count(entry => state.State.Put(entry)) > 0)
        {
            await state.WriteOrReloadAsync();
        }
    }

    public Task<IReadOnlyList<DivisionNameMatch>> SearchAsync(string name, int limit) =>
        Task.FromResult(DivisionDirectory.Search(state.State.Entries.Values, name, limit));

    public Task<IReadOnlyList<DivisionEvent>> GetChangesAsync(DateOnly from, DateOnly to, string? under) =>
        Task.FromResult(DivisionDirectory.Changes(state.State.Entries.Values, from, to, under));

    public Task<IReadOnlyList<string>> GetProvinceCodesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(DivisionDirectory.ProvinceCodes(state.State.Entries.Values).ToList());
}
