using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Organizations;

/// <summary>
/// The claim on one name in one office; see <see cref="IOrganizationNameGrain"/>. Claims are served one at a time
/// (the grain is not reentrant), so of any number of concurrent registrations of a name exactly one is granted.
/// A claim is asked for again only by a registration or rename of the same name in the same office, so the
/// activation goes once a claim is stored (a later call reads it back), and an idle one after two minutes rather
/// than the silo's default: an import of the national register otherwise holds one activation per organization in
/// memory.
/// </summary>
[GrainType(StorageNames.OrganizationNameGrainType)]
[CollectionAgeLimit(Minutes = 2)]
public sealed class OrganizationNameGrain(
    [PersistentState(StorageNames.OrganizationName, StorageNames.Provider)] IPersistentState<OrganizationNameState> state,
    BureauClock clock,
    IGrainFactory grains) : Grain, IOrganizationNameGrain
{
    public async Task ClaimAsync(string uscc)
    {
        var owner = state.State.Owner;
        if (owner == uscc)
        {
            return;
        }

        // The owner is the authority on whether its claim stands: registered under the name, or registering now.
        // A claim its owner no longer holds (a crashed registration, a rename or deregistration whose release was
        // lost) passes to the new claimant.
        if (owner is not null && await grains.Get<IOrganizationGrain>(owner).HoldsNameAsync(this.GetPrimaryKeyString()))
        {
            throw DomainException.Conflict("organization-name-taken",
                $"An active organization registered with the same office ({owner}) already has this name.");
        }

        state.State.Owner = uscc;
        state.State.ClaimedAt = clock.Now;
        await state.WriteOrReloadAsync();
        DeactivateOnIdle();
    }

    public async Task ReleaseAsync(string uscc)
    {
        if (state.State.Owner != uscc)
        {
            return;
        }

        state.State.Owner = null;
        state.State.ClaimedAt = null;
        await state.WriteOrReloadAsync();
    }

    public Task<string?> GetOwnerAsync() => Task.FromResult(state.State.Owner);
}
