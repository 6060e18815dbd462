namespace Registry.Abstractions.Boundaries;

/// <summary>An import's progress and report: counts, every rejected feature with its reason, and when it ran.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.ImportJobDetails")]
public sealed record ImportJobDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] ImportKind Kind,
    [property: Id(2)] string? SourceName,
    [property: Id(3)] ImportJobStatus Status,
    [property: Id(4)] int Total,
    [property: Id(5)] int Processed,
    [property: Id(6)] int Created,
    [property: Id(7)] int Changed,
    [property: Id(8)] int Unchanged,
    [property: Id(9)] IReadOnlyList<ImportRejection> Rejections,
    [property: Id(10)] DateTimeOffset StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt,
    [property: Id(12)] string StartedBy,
    [property: Id(13)] string Reason,
    [property: Id(14)] string? Failure);
