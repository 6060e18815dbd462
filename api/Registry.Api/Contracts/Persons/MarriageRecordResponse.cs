using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>A marriage record naming the person: its id and J certificate number, office, dates, status and the
/// spouse (ID number masked); <c>fromArchive</c> for a record entered from the archive (补录).</summary>
public sealed record MarriageRecordResponse(
    string MarriageId,
    string CertificateNumber,
    string Office,
    DateOnly RegisteredOn,
    MarriageStatus Status,
    DateOnly? EndedOn,
    string Spouse,
    string SpouseName,
    bool FromArchive)
{
    public static MarriageRecordResponse From(MarriageRecordReference r) =>
        new(r.MarriageId, r.CertificateNumber, r.Office, r.RegisteredOn, r.Status, r.EndedOn,
            IdentityDocument.Mask(r.SpouseIdNumber), r.SpouseName, r.FromArchive);
}
