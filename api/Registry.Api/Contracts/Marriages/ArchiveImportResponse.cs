namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// The report of a bulk archive import: how many lines were read, how many records are stored (entered now or found
/// already entered with the same data: the import is idempotent by certificate number), and each rejected line with
/// the rule it broke.
/// </summary>
public sealed record ArchiveImportResponse(int Lines, int Stored, IReadOnlyList<ArchiveImportRejectionResponse> Rejected);
