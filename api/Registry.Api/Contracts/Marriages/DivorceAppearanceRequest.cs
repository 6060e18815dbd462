using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// One party at the divorce registration after cooling-off: the identity document they presented (<c>idNumber</c>,
/// of <c>documentType</c>, resident ID when absent; a passport with its <c>country</c>), which must be the one the
/// party was registered with; <c>appearedInPerson</c> and <c>confirmsDivorce</c> (they still want the divorce), each
/// true.
/// </summary>
public sealed record DivorceAppearanceRequest(string? IdNumber, bool? AppearedInPerson, bool? ConfirmsDivorce)
{
    public IdentityDocumentType? DocumentType { get; init; }

    public string? Country { get; init; }
}
