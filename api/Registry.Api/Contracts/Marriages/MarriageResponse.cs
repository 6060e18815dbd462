using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A marriage record: both parties in full, the J certificate number, every certificate issued (void ones included),
/// divorce applications and the full history; <c>archive</c> (volume and page) when it was entered from the archive;
/// <c>reunion</c>: whether the two were married to each other before and divorced (复婚), null on records stored
/// before it was recorded. ID numbers inside lists are masked (first 6 and last 4 characters).
/// </summary>
public sealed record MarriageResponse(
    string Id,
    MarriageStatus Status,
    string Office,
    DateOnly RegisteredOn,
    string CertificateNumber,
    PartyResponse PartyA,
    PartyResponse PartyB,
    DateOnly? EndedOn,
    IReadOnlyList<CertificateResponse> Certificates,
    IReadOnlyList<DivorceApplicationResponse> DivorceApplications,
    IReadOnlyList<MarriageEventResponse> History,
    ArchiveSourceResponse? Archive,
    bool? Reunion)
{
    public static MarriageResponse From(MarriageDetails d) =>
        new(d.Id, d.Status, d.Office, d.RegisteredOn, d.CertificateNumber, PartyResponse.From(d.PartyA),
            PartyResponse.From(d.PartyB), d.EndedOn, d.Certificates.Select(CertificateResponse.From).ToList(),
            d.DivorceApplications.Select(DivorceApplicationResponse.From).ToList(),
            d.History.Select(MarriageEventResponse.From).ToList(), ArchiveSourceResponse.From(d.Archive),
            d.Reunion);
}
