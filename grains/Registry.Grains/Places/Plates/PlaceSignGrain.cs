using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Places.Plates;

/// <summary>One sign or plate; see <see cref="IPlaceSignGrain"/> and <see cref="PlaceSign"/>.</summary>
[GrainType(StorageNames.PlaceSign)]
public sealed class PlaceSignGrain(
    [PersistentState(StorageNames.PlaceSign, StorageNames.Provider)] IPersistentState<PlaceSignState> state,
    BureauClock clock) : Grain, IPlaceSignGrain
{
    private bool Exists => state.RecordExists && state.State.PlaceNameId.Length > 0;

    public async Task<PlaceSignDetails> SetAsync(SetPlaceSign command)
    {
        var key = this.GetPrimaryKeyString();
        var dot = key.LastIndexOf('.');
        if (Exists)
        {
            throw DomainException.Conflict("place-sign-exists", $"Sign {key} is already recorded.");
        }

        var sign = new PlaceSign(state.State);
        sign.Set(key[..dot], int.Parse(key[(dot + 1)..], System.Globalization.CultureInfo.InvariantCulture), command,
            AuditScope.Actor, clock.Now);
        await state.WriteOrReloadAsync();
        return sign.Details();
    }

    public async Task<PlaceSignDetails> RecordConditionAsync(RecordSignCondition command)
    {
        if (!Exists)
        {
            throw DomainException.NotFound("place-sign-not-found", $"No sign {this.GetPrimaryKeyString()} is recorded.");
        }

        var sign = new PlaceSign(state.State);
        sign.Record(command, clock.Today, AuditScope.Actor, clock.Now);
        await state.WriteOrReloadAsync();
        return sign.Details();
    }

    public Task<PlaceSignDetails?> FindAsync() =>
        Task.FromResult(Exists ? new PlaceSign(state.State).Details() : null);
}
