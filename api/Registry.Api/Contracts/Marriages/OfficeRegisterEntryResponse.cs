using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>One entry of an office's day register: <c>kind</c> (registration, divorce-registration, archive-entry,
/// certificate-replacement), the marriage record, the certificate number and both parties' documents (masked: the
/// record itself, whose read is logged, names them).</summary>
public sealed record OfficeRegisterEntryResponse(
    OfficeDayEntryKind Kind,
    string MarriageId,
    string CertificateNumber,
    string PartyA,
    string PartyB)
{
    public static OfficeRegisterEntryResponse From(OfficeDayEntry e) =>
        new(e.Kind, e.MarriageId, e.Reference, IdentityDocument.Mask(e.PartyAIdNumber),
            IdentityDocument.Mask(e.PartyBIdNumber));
}
