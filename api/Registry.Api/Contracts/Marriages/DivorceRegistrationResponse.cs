using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>A registered divorce: the L certificate number issued to both parties.</summary>
public sealed record DivorceRegistrationResponse(
    string ApplicationId,
    string MarriageId,
    string CertificateNumber,
    DateOnly RegisteredOn)
{
    public static DivorceRegistrationResponse From(DivorceRegistration r) =>
        new(r.ApplicationId, r.MarriageId, r.CertificateNumber, r.RegisteredOn);
}
