namespace Registry.Abstractions.Marriages;

/// <summary>
/// A marriage registered before the registry went live, entered from the archive (补录): its original certificate
/// number, registration date and office (a division code in force on that date), the parties with their documents as
/// recorded then (15-digit resident ID numbers are converted), and where the paper record is kept. A marriage that
/// ended before the registry went live is entered with its end (<see cref="Ended"/>), so the parties' status is what
/// the archive says.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.EnterArchivedMarriage")]
public sealed record EnterArchivedMarriage(
    [property: Id(0)] string Office,
    [property: Id(1)] string CertificateNumber,
    [property: Id(2)] DateOnly RegisteredOn,
    [property: Id(3)] MarriageParty PartyA,
    [property: Id(4)] MarriageParty PartyB,
    [property: Id(5)] ArchiveSource Source)
{
    /// <summary>How and when the marriage ended, when the archive records an end; null for one still in force.</summary>
    [Id(6)]
    public ArchivedEnd? Ended { get; init; }

    /// <summary>The key of this entry's certificate number (<see cref="Marriages.CertificateNumber.KeyOf"/>: the
    /// number itself in the national format, else qualified by the office and the year of registration).</summary>
    public string CertificateKey() =>
        Marriages.CertificateNumber.KeyOf(CertificateNumber.Trim(), Office.Trim(), RegisteredOn.Year);

    /// <summary>The id of the record this entry makes: the same entry again names the same record
    /// (<see cref="MarriageId.FromArchive"/> of <see cref="CertificateKey"/>).</summary>
    public string RecordId() => MarriageId.FromArchive(CertificateKey());
}
