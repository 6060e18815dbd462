namespace Registry.Abstractions.Marriages;

/// <summary>
/// One certificate issued for a marriage to one party (each party holds their own booklet; both carry the same J or
/// L number). A replaced certificate stays on record, marked void, with the number that replaced it; the J certificates of a
/// marriage dissolved or annulled are marked void with the reason.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.CertificateDetails")]
public sealed record CertificateDetails(
    [property: Id(0)] string Number,
    [property: Id(1)] CertificateKind Kind,
    [property: Id(2)] string HolderIdNumber,
    [property: Id(3)] string Office,
    [property: Id(4)] DateOnly IssuedOn,
    [property: Id(5)] DateOnly? VoidedOn,
    [property: Id(6)] string? ReplacedBy)
{
    public bool IsVoid => VoidedOn is not null;

    /// <summary>Why the certificate is void (replaced, divorce registered, annulled, dissolved by a court); null
    /// while valid.</summary>
    [Id(7)]
    public string? VoidReason { get; init; }
}
