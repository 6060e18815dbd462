using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// One party applying for divorce: the identity document they presented (<c>idNumber</c>, of <c>documentType</c>,
/// resident ID when absent; a passport with its <c>country</c>), which must be the document the party was registered
/// with; <c>appearedInPerson</c> and <c>signedAgreement</c>, each true; and the party's own
/// <c>declarations</c>.
/// </summary>
public sealed record DivorceApplicantRequest(
    string? IdNumber,
    bool? AppearedInPerson,
    bool? SignedAgreement,
    DivorceDeclarationsRequest? Declarations)
{
    public IdentityDocumentType? DocumentType { get; init; }

    public string? Country { get; init; }
}
