namespace Registry.Storage;

/// <summary>What <c>migrate-storage</c> did to one database.</summary>
/// <param name="States">Current states verified against the last version in the history copy.</param>
/// <param name="HistoryRows">History rows written to the archive and read back.</param>
/// <param name="ArchivePath">The archive file (gzip-compressed JSON lines), or null when nothing was archived.</param>
/// <param name="ArchiveSha256">SHA-256 (hex) of the archive's uncompressed lines, as written and as read back.</param>
/// <param name="AlreadyRetired">True when the database had no history copy left (nothing was changed).</param>
public sealed record HistoryRetirementReport(long States, long HistoryRows, string? ArchivePath,
    string? ArchiveSha256, bool AlreadyRetired);
