namespace Registry.Abstractions.Organizations;

/// <summary>
/// One import of the register: its file, status, counts, refusals by rule, the stored rejections in line order (at
/// most <see cref="MaxStoredRejections"/>; <see cref="Rejected"/> counts them all), when it ran and who started it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.OrganizationImportJobDetails")]
public sealed record OrganizationImportJobDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Source,
    [property: Id(2)] OrganizationImportJobStatus Status,
    [property: Id(3)] long Rows,
    [property: Id(4)] long Imported,
    [property: Id(5)] long AlreadyStored,
    [property: Id(6)] long Rejected,
    [property: Id(7)] IReadOnlyDictionary<string, long> RejectedByRule,
    [property: Id(8)] IReadOnlyList<OrganizationImportRejection> Rejections,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt,
    [property: Id(11)] string StartedBy,
    [property: Id(12)] string? Failure)
{
    /// <summary>Rejections kept per job; the counts by rule cover every one.</summary>
    public const int MaxStoredRejections = 10_000;

    /// <summary>How often a run says it is still alive (besides its progress reports).</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    /// <summary>A running job not heard from for this long is <see cref="OrganizationImportJobStatus.Interrupted"/>:
    /// six missed heartbeats, so a slow or paused process is not mistaken for a dead one.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
}
