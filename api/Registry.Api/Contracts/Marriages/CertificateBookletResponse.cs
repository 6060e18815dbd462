namespace Registry.Api.Contracts.Marriages;

/// <summary>One holder's booklet of a verified certificate: <c>holder</c> masked, <c>status</c> <c>valid</c>,
/// <c>void</c> or <c>replaced</c>, since when and why.</summary>
public sealed record CertificateBookletResponse(
    string Holder,
    string Status,
    DateOnly? VoidedOn,
    string? VoidReason,
    string? ReplacedBy);
