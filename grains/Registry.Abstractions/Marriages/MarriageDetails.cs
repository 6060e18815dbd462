namespace Registry.Abstractions.Marriages;

/// <summary>
/// A marriage record as it stands: parties (court corrections applied), where and when registered, the current
/// J certificate number, every certificate issued (void ones included), divorce applications and the full history.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.MarriageDetails")]
public sealed record MarriageDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] MarriageStatus Status,
    [property: Id(2)] string Office,
    [property: Id(3)] DateOnly RegisteredOn,
    [property: Id(4)] string CertificateNumber,
    [property: Id(5)] PartyDetails PartyA,
    [property: Id(6)] PartyDetails PartyB,
    [property: Id(7)] DateOnly? EndedOn,
    [property: Id(8)] IReadOnlyList<CertificateDetails> Certificates,
    [property: Id(9)] IReadOnlyList<DivorceApplicationDetails> DivorceApplications,
    [property: Id(10)] IReadOnlyList<MarriageEvent> History)
{
    /// <summary>Set for a record entered from the archive: where its paper record is kept.</summary>
    [Id(11)]
    public ArchiveSource? Archive { get; init; }

    /// <summary>True when the two were married to each other before and divorced (复婚); null on records stored
    /// before it was recorded.</summary>
    [Id(12)]
    public bool? Reunion { get; init; }
}
