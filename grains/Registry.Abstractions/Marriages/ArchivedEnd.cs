namespace Registry.Abstractions.Marriages;

/// <summary>
/// The end of a marriage entered from the archive, as its paper record shows it: <see cref="Kind"/>, the day
/// (<see cref="EndedOn"/>), the document's number (<see cref="Reference"/>: the L certificate number, a case number or
/// the death record's reference) and who issued it (<see cref="Authority"/>: the office's division code for a divorce
/// registration, otherwise the court or the issuer's name). A death names the party who died
/// (<see cref="PartyIdNumber"/>, as the archive entry names them, or <c>partyA</c> / <c>partyB</c> for its side).
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.ArchivedEnd")]
public sealed record ArchivedEnd(
    [property: Id(0)] ArchivedEndKind Kind,
    [property: Id(1)] DateOnly EndedOn,
    [property: Id(2)] string Reference,
    [property: Id(3)] string Authority,
    [property: Id(4)] string? PartyIdNumber)
{
    /// <summary>The key of a divorce registration's L number (<see cref="CertificateNumber.KeyOf"/>: the number itself
    /// in the national format, else qualified by the registering office and the year of the divorce).</summary>
    public string CertificateKey() => CertificateNumber.KeyOf(Reference.Trim(), Authority.Trim(), EndedOn.Year);
}
