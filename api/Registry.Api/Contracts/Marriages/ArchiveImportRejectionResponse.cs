namespace Registry.Api.Contracts.Marriages;

/// <summary>A rejected line of an archive import: its line number (the header is line 1), certificate number when
/// readable, and the rule with its message.</summary>
public sealed record ArchiveImportRejectionResponse(int Line, string? CertificateNumber, string Rule, string Message);
