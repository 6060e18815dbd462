namespace Registry.Abstractions.Marriages;

/// <summary>
/// What a registrar learns by verifying a certificate number: the certificate (valid, or void with the reason and
/// what replaced it), its holders' ID numbers (masked at the HTTP edge) and the standing of the marriage that issued
/// it.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.CertificateVerification")]
public sealed record CertificateVerification(
    [property: Id(0)] string MarriageId,
    [property: Id(1)] MarriageStatus MarriageStatus,
    [property: Id(2)] IReadOnlyList<CertificateDetails> Booklets);
