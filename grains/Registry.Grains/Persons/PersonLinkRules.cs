using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>
/// What a document linked to a party the archive names without one (<see cref="IdentityDocumentType.Unrecorded"/>)
/// must agree with. The paper names the party by name, sex and birth date; the registrar establishes the rest (the
/// household register, the certificate the person holds) and says how in the link's reason. A card of the other sex
/// is never theirs. A different birth date is left to the registrar: records of that time often wrote the lunar
/// birthday, which falls on another day (sometimes in another year) of the Gregorian calendar. Pure.
/// </summary>
public static class PersonLinkRules
{
    /// <summary>Throws <c>linked-document-differs</c> (422) when <paramref name="card"/> carries a sex other than the
    /// one <paramref name="record"/> (the party's, <see cref="IdentityDocument.UnrecordedParty"/>) gives
    /// the party <paramref name="party"/>.</summary>
    public static void EnsureCardFitsParty(IdentityDocument card, IdentityDocument party, MarriageDetails record)
    {
        var recorded = party.UnrecordedParty is { SideA: true } ? record.PartyA : record.PartyB;
        if (card.Sex is { } sex && sex != recorded.Sex)
        {
            throw DomainException.Violation("linked-document-differs",
                $"{IdentityDocument.Mask(card.Key)} is a {sex.ToString().ToLowerInvariant()}'s document; the archive " +
                $"record {record.CertificateNumber} names {party.Key} as {recorded.Sex.ToString().ToLowerInvariant()}: " +
                "not the same person.");
        }
    }
}
