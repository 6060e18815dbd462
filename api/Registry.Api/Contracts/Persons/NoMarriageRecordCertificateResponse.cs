using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>A certificate that the registry holds no marriage record for the person.</summary>
public sealed record NoMarriageRecordCertificateResponse(
    string CertificateId,
    string IdNumber,
    string Office,
    DateOnly IssuedOn,
    DateTimeOffset IssuedAt,
    string IssuedBy)
{
    public static NoMarriageRecordCertificateResponse From(NoMarriageRecordCertificate c) =>
        new(c.CertificateId, c.IdNumber, c.Office, c.IssuedOn, c.IssuedAt, c.IssuedBy);
}
