using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// One party of a divorce application as recorded: the document presented (<c>party</c>, masked), whether they
/// appeared in person, and, when applying, whether they signed the agreement and their own declarations
/// (<c>signedAgreement</c>, <c>voluntary</c>, <c>truthful</c>), or, at the registration, whether they confirmed the
/// divorce (<c>confirmsDivorce</c>). Fields that do not belong to the step are null.
/// </summary>
public sealed record DivorcePartyResponse(
    string Party,
    bool AppearedInPerson,
    bool? SignedAgreement,
    bool? Voluntary,
    bool? Truthful,
    bool? ConfirmsDivorce)
{
    public static DivorcePartyResponse From(DivorceApplicant p) =>
        new(IdentityDocument.Mask(p.DocumentKey), p.AppearedInPerson, p.SignedAgreement, p.Declarations.Voluntary,
            p.Declarations.Truthful, null);

    public static DivorcePartyResponse From(DivorceAppearance p) =>
        new(IdentityDocument.Mask(p.DocumentKey), p.AppearedInPerson, null, null, null, p.ConfirmsDivorce);
}
