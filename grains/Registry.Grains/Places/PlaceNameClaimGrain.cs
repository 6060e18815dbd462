using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Places;

/// <summary>
/// The claim on one name key in one scope; see <see cref="IPlaceNameClaimGrain"/>. Claims are served one at a time
/// (the grain is not reentrant), so of any number of concurrent proposals of a name or homophone one is granted.
/// </summary>
[GrainType(StorageNames.PlaceNameClaimGrainType)]
public sealed class PlaceNameClaimGrain(
    [PersistentState(StorageNames.PlaceNameClaim, StorageNames.Provider)] IPersistentState<PlaceNameClaimState> state,
    BureauClock clock,
    IGrainFactory grains) : Grain, IPlaceNameClaimGrain
{
    public async Task ClaimAsync(PlaceNameClaimant claimant)
    {
        var owner = state.State.Owner;
        if (owner == claimant)
        {
            return;
        }

        if (owner?.Id == claimant.Id)
        {
            // The holder renamed to a name with the same key (a homophone, or a new spelling of the same
            // characters): the claim stands, under the name a 409 must now show.
            state.State.Owner = claimant;
            await state.WriteOrReloadAsync();
            return;
        }

        // The owner is the authority on whether its claim stands (current under the name, or proposing it now);
        // a claim left by a failed proposal or a lost release passes on.
        if (owner is not null && await StandsAsync(owner))
        {
            throw DomainException.Conflict("place-name-duplicate",
                "Another current name of the same category in the same scope has the same characters or sounds the " +
                $"same: {Describe(owner)}.");
        }

        state.State.Owner = claimant;
        state.State.ClaimedAt = clock.Now;
        await state.WriteOrReloadAsync();
    }

    public async Task<PlaceNameClaimant?> HolderAsync(string id)
    {
        var owner = state.State.Owner;
        return owner is not null && owner.Id != id && await StandsAsync(owner) ? owner : null;
    }

    /// <summary>How a conflicting name is named in a 409.</summary>
    public static string Describe(PlaceNameClaimant owner) =>
        $"{owner.Name} ({owner.Romanization}, id {owner.Id})";

    private Task<bool> StandsAsync(PlaceNameClaimant owner) =>
        grains.Get<IPlaceNameGrain>(owner.Id).HoldsClaimAsync(this.GetPrimaryKeyString());

    public async Task ReleaseAsync(string id)
    {
        if (state.State.Owner?.Id != id)
        {
            return;
        }

        state.State.Owner = null;
        state.State.ClaimedAt = null;
        await state.WriteOrReloadAsync();
    }
}
