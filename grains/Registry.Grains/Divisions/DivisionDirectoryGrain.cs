using Registry.Abstractions.Divisions;
using Registry.Grains.Storage;

namespace Registry.Grains.Divisions;

/// <summary>Name search and change lists over every division; see <see cref="IDivisionDirectoryGrain"/>. Stores the
/// list of its parts and asks each of them (<see cref="DivisionDirectoryPartGrain"/>); the rules are
/// <see cref="DivisionDirectory"/>'s.</summary>
[GrainType(StorageNames.DivisionDirectory)]
public sealed class DivisionDirectoryGrain(
    [PersistentState(StorageNames.DivisionDirectory, StorageNames.Provider)]
    IPersistentState<DivisionDirectoryState> state,
    IGrainFactory grains) : Grain, IDivisionDirectoryGrain
{
    public async Task<IReadOnlyList<DivisionNameMatch>> SearchAsync(string name, int limit)
    {
        var found = await Task.WhenAll(Parts().Select(part => part.SearchAsync(name, limit)));
        return DivisionDirectory.Ordered(found.SelectMany(matches => matches), limit);
    }

    public async Task<IReadOnlyList<DivisionEvent>> GetChangesAsync(DateOnly from, DateOnly to, string? under)
    {
        var found = await Task.WhenAll(Parts().Select(part => part.GetChangesAsync(from, to, under)));
        return DivisionDirectory.OrderedChanges(found.SelectMany(changes => changes));
    }

    public async Task<IReadOnlyList<string>> GetProvinceCodesAsync()
    {
        var found = await Task.WhenAll(Parts(DivisionDirectory.HoldsProvinces)
            .Select(part => part.GetProvinceCodesAsync()));
        return found.SelectMany(codes => codes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public async Task AddPartAsync(string part)
    {
        if (state.State.Add(part))
        {
            await state.WriteOrReloadAsync();
        }
    }

    private IEnumerable<IDivisionDirectoryPartGrain> Parts(Func<string, bool>? which = null) =>
        state.State.Parts.Where(which ?? (_ => true)).ToList()
            .Select(part => grains.GetGrain<IDivisionDirectoryPartGrain>(part));
}
