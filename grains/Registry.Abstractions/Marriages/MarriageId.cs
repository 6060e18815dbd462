namespace Registry.Abstractions.Marriages;

/// <summary>
/// Marriage record ids: 32 lower-case hex digits of a version-7 (time-ordered) GUID, generated when a registration
/// starts. Time order keeps new records at the end of the storage index.
/// </summary>
public static class MarriageId
{
    public const int Length = 32;

    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && !id.AsSpan().ContainsAnyExcept("0123456789abcdef");
}
