namespace Registry.Abstractions.Places;

/// <summary>
/// One import of names in force: its file, status, counts, refusals by rule, the stored refused and flagged rows in
/// line order (at most <see cref="MaxStoredRows"/> each; the counts cover every one), when it ran and who started it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameImportJobDetails")]
public sealed record PlaceNameImportJobDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Source,
    [property: Id(2)] PlaceNameImportJobStatus Status,
    [property: Id(3)] long Rows,
    [property: Id(4)] long Recorded,
    [property: Id(5)] long AlreadyStored,
    [property: Id(6)] long Rejected,
    [property: Id(7)] IReadOnlyDictionary<string, long> RejectedByRule,
    [property: Id(8)] long Flagged,
    [property: Id(9)] IReadOnlyList<PlaceNameImportRow> Rejections,
    [property: Id(10)] IReadOnlyList<PlaceNameImportRow> Flags,
    [property: Id(11)] DateTimeOffset StartedAt,
    [property: Id(12)] DateTimeOffset? FinishedAt,
    [property: Id(13)] string StartedBy,
    [property: Id(14)] string? Failure)
{
    /// <summary>Refused rows, and flagged rows, kept per job; the counts cover every one.</summary>
    public const int MaxStoredRows = 10_000;

    /// <summary>Flags by rule (<c>place-name-duplicate</c>, <c>characters-outside-standard</c>).</summary>
    [Id(15)]
    public IReadOnlyDictionary<string, long> FlaggedByRule { get; init; } = new Dictionary<string, long>();
}
