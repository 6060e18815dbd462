namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A marriage entered from the archive (补录): the original certificate number, registration date and office (a
/// division code in force on that date), the parties with their documents as recorded then (15-digit ID numbers are
/// accepted and converted), and the source: the archive volume and page. A marriage the archive shows as ended is
/// entered with its end (<c>ended</c>), so both parties' status is what the archive says.
/// </summary>
public sealed record ArchiveEntryRequest(
    string? CertificateNumber,
    DateOnly? RegisteredOn,
    string? Office,
    MarriagePartyRequest? PartyA,
    MarriagePartyRequest? PartyB,
    ArchiveSourceRequest? Source,
    ArchivedEndRequest? Ended = null);
