using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A certificate number verified: its kind, issuing office and date, the standing of the marriage that issued it,
/// and one entry per booklet (each holder, masked): <c>valid</c>, <c>void</c> (with the reason) or <c>replaced</c>
/// (with the replacing number).
/// </summary>
public sealed record CertificateVerificationResponse(
    string Number,
    CertificateKind Kind,
    string Office,
    DateOnly IssuedOn,
    string MarriageId,
    MarriageStatus MarriageStatus,
    IReadOnlyList<CertificateBookletResponse> Booklets)
{
    public static CertificateVerificationResponse From(CertificateVerification v)
    {
        var first = v.Booklets[0];
        return new(first.Number, first.Kind, first.Office, first.IssuedOn, v.MarriageId, v.MarriageStatus,
            v.Booklets.Select(b => new CertificateBookletResponse(IdentityDocument.Mask(b.HolderIdNumber),
                b.ReplacedBy is not null ? "replaced" : b.IsVoid ? "void" : "valid", b.VoidedOn, b.VoidReason,
                b.ReplacedBy)).ToList());
    }
}
