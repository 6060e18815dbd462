namespace Registry.Abstractions.Organizations;

/// <summary>
/// The claim on one organization name within one registering office, keyed <c>{office}:{normalised name}</c>
/// (see <c>OrganizationNames.ClaimKey</c>). It makes the name unique among active organizations of the office even
/// under concurrent registrations: claims are granted one at a time, before the organization's record is written.
/// The claim records its owner's USCC; when another organization asks for a claimed name, the owner grain is asked
/// whether it still holds it (registered under it or registering right now), so a claim left by a crashed
/// registration, rename or deregistration is recovered without a timeout that could hand the name out twice.
/// </summary>
[Alias("Registry.Organizations.IOrganizationNameGrain")]
public interface IOrganizationNameGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants the name to <paramref name="uscc"/> or throws <c>organization-name-taken</c> (409). Idempotent for
    /// the current owner.
    /// </summary>
    Task ClaimAsync(string uscc);

    /// <summary>Gives the name up if <paramref name="uscc"/> holds it; otherwise does nothing. Idempotent.</summary>
    Task ReleaseAsync(string uscc);

    /// <summary>The USCC holding the claim, or null.</summary>
    Task<string?> GetOwnerAsync();
}
