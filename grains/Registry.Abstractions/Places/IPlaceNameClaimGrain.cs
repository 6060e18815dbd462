namespace Registry.Abstractions.Places;

/// <summary>
/// The claim on one normalised name key in one duplicate scope, keyed
/// <c>{scope}|{category}|{chars or spelling}:{normalised key}</c>. A proposal or rename claims its character key and
/// its toneless-spelling key before writing; claims are granted one at a time, so of concurrent proposals of the
/// same or a homophone name at most one wins. A claim whose owner no longer holds it (renamed, abolished, crashed
/// mid-proposal) passes to the next claimant after asking the owner.
/// </summary>
[Alias("Registry.Places.IPlaceNameClaimGrain")]
public interface IPlaceNameClaimGrain : IGrainWithStringKey
{
    /// <summary>Grants the key to the claimant or throws <c>place-name-duplicate</c> (409) naming the holder.
    /// Idempotent for the current owner.</summary>
    Task ClaimAsync(PlaceNameClaimant claimant);

    /// <summary>
    /// Who holds the key now, if that is someone other than <paramref name="id"/> and their claim stands; claims
    /// nothing. A request already refused on one key asks this of its other keys, to name every conflicting name
    /// without taking a key another request may still need.
    /// </summary>
    Task<PlaceNameClaimant?> HolderAsync(string id);

    /// <summary>Gives the key up if <paramref name="id"/> holds it. Idempotent.</summary>
    Task ReleaseAsync(string id);
}
