using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>A registered marriage: its record id and the J certificate number issued to both parties.</summary>
public sealed record MarriageRegistrationResponse(
    string MarriageId,
    string CertificateNumber,
    string Office,
    DateOnly RegisteredOn)
{
    public static MarriageRegistrationResponse From(MarriageRegistration r) =>
        new(r.MarriageId, r.CertificateNumber, r.Office, r.RegisteredOn);
}
