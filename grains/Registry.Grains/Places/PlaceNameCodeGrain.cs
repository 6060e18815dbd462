using Registry.Abstractions.Places;
using Registry.Grains.Storage;

namespace Registry.Grains.Places;

/// <summary>One place-name code counter; see <see cref="IPlaceNameCodeGrain"/>. The serial is stored before it is
/// answered, so a serial is never given twice.</summary>
[GrainType(StorageNames.PlaceNameCode)]
public sealed class PlaceNameCodeGrain(
    [PersistentState(StorageNames.PlaceNameCode, StorageNames.Provider)] IPersistentState<PlaceNameCodeState> state)
    : Grain, IPlaceNameCodeGrain
{
    public async Task<int> NextSerialAsync()
    {
        var next = Math.Max(state.State.Last + 1, PlaceNameCode.FirstRegistrySerial);
        state.State.Last = next;
        await state.WriteOrReloadAsync();
        return next;
    }
}
