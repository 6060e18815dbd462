using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>
/// An import of names in force, while it runs and after: status (running, completed, failed), rows read, rows
/// recorded now, rows an earlier run had recorded, rows refused (by rule), rows recorded with a flag and the flags by
/// rule (<c>place-name-duplicate</c>: it duplicates or sounds like a current name; <c>characters-outside-standard</c>:
/// written with characters a new name may not have, kept as written), the first <see cref="ListedRows"/> refused and flagged rows in line order, and where the whole report (up to
/// 10,000 rows of each) is downloaded as CSV.
/// </summary>
public sealed record PlaceNameImportJobResponse(
    string Id,
    string Source,
    PlaceNameImportJobStatus Status,
    long Rows,
    long Recorded,
    long AlreadyStored,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByRule,
    long Flagged,
    IReadOnlyDictionary<string, long> FlaggedByRule,
    IReadOnlyList<PlaceNameImportRowResponse> Rejections,
    IReadOnlyList<PlaceNameImportRowResponse> Flags,
    string Report,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string StartedBy,
    string? Failure)
{
    /// <summary>Refused rows, and flagged rows, listed in the job itself; the report holds the rest.</summary>
    public const int ListedRows = 100;

    public static PlaceNameImportJobResponse From(PlaceNameImportJobDetails job) =>
        new(job.Id, job.Source, job.Status, job.Rows, job.Recorded, job.AlreadyStored, job.Rejected, job.RejectedByRule,
            job.Flagged, job.FlaggedByRule, job.Rejections.Take(ListedRows).Select(PlaceNameImportRowResponse.From).ToList(),
            job.Flags.Take(ListedRows).Select(PlaceNameImportRowResponse.From).ToList(),
            $"/api/place-names/imports/{job.Id}/report", job.StartedAt, job.FinishedAt, job.StartedBy, job.Failure);
}
