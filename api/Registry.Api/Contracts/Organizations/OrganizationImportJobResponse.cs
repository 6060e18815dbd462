using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// An import of the register, while it runs and after: status (running, completed, failed, interrupted: its run
/// died without ending it), rows read (the header not counted), rows stored now, rows an earlier run had stored, rows refused (by rule), the first
/// <see cref="ListedRejections"/> refused rows in line order (<see cref="RejectionsListed"/> says whether that is all
/// of them), and where the whole rejection report (up to 10,000 rows) is downloaded as CSV.
/// </summary>
public sealed record OrganizationImportJobResponse(
    string Id,
    string Source,
    OrganizationImportJobStatus Status,
    long Rows,
    long Imported,
    long AlreadyStored,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByRule,
    IReadOnlyList<OrganizationImportRejectionResponse> Rejections,
    bool RejectionsListed,
    string RejectionReport,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string StartedBy,
    string? Failure)
{
    /// <summary>Refused rows listed in the job itself; the report holds the rest.</summary>
    public const int ListedRejections = 100;

    public static OrganizationImportJobResponse From(OrganizationImportJobDetails job) =>
        new(job.Id, job.Source, job.Status, job.Rows, job.Imported, job.AlreadyStored, job.Rejected,
            job.RejectedByRule,
            job.Rejections.Take(ListedRejections).Select(OrganizationImportRejectionResponse.From).ToList(),
            job.Rejected <= ListedRejections && job.Rejections.Count == job.Rejected,
            $"/api/organizations/imports/{job.Id}/rejections", job.StartedAt, job.FinishedAt, job.StartedBy,
            job.Failure);
}
