namespace Registry.Abstractions.Marriages;

/// <summary>
/// Marriage record ids: 32 lower-case hex digits of a version-7 (time-ordered) GUID, generated when a registration
/// starts. Time order keeps new records at the end of the storage index.
/// </summary>
public static class MarriageId
{
    public const int Length = 32;

    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>
    /// The id of the record entered from the archive under an original certificate number: derived from the number's
    /// key (<see cref="CertificateNumber.KeyOf"/>; the first 16 bytes of its SHA-256, as 32 hex digits), so entering
    /// the same archive record twice, by hand or by a repeated import, reaches the same record.
    /// </summary>
    public static string FromArchive(string certificateNumber) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("archive:" + certificateNumber)).AsSpan(0, 16));

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && !id.AsSpan().ContainsAnyExcept("0123456789abcdef");
}
