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
}
