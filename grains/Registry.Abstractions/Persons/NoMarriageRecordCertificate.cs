namespace Registry.Abstractions.Persons;

/// <summary>
/// A certificate that the registry holds no marriage record for a person, issued by <see cref="Office"/>.
/// DOMAIN.md defines no number format for it, so it is identified by a generated id.
/// </summary>
[GenerateSerializer, Alias("Registry.Persons.NoMarriageRecordCertificate")]
public sealed record NoMarriageRecordCertificate(
    [property: Id(0)] string CertificateId,
    [property: Id(1)] string IdNumber,
    [property: Id(2)] string Office,
    [property: Id(3)] DateOnly IssuedOn,
    [property: Id(4)] DateTimeOffset IssuedAt,
    [property: Id(5)] string IssuedBy);
