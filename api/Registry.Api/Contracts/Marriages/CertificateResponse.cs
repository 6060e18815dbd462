using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>A certificate issued to one party (<c>holder</c>, masked). A replaced certificate, or one of a marriage
/// dissolved or annulled, is <c>void</c> from <c>voidedOn</c> for <c>voidReason</c>; a replaced one names its
/// replacement.</summary>
public sealed record CertificateResponse(
    string Number,
    CertificateKind Kind,
    string Holder,
    string Office,
    DateOnly IssuedOn,
    bool Void,
    DateOnly? VoidedOn,
    string? ReplacedBy,
    string? VoidReason)
{
    public static CertificateResponse From(CertificateDetails c) =>
        new(c.Number, c.Kind, IdentityDocument.Mask(c.HolderIdNumber), c.Office, c.IssuedOn, c.IsVoid, c.VoidedOn,
            c.ReplacedBy, c.VoidReason);
}
