using Orleans.Concurrency;

namespace Registry.Abstractions.Organizations;

/// <summary>
/// The progress and rejection report of one import of the existing register, keyed by a fresh id (32 hex digits).
/// The importer (in the API) reports every few thousand rows and at the end; the job stores the counts and the
/// refused rows (the first <see cref="OrganizationImportJobDetails.MaxStoredRejections"/>), so any API instance can
/// answer its progress while it runs and its report afterwards. A run that stops without ending its job (its process
/// killed) leaves the job running in storage; it reads as <see cref="OrganizationImportJobStatus.Interrupted"/> once
/// its lease has passed without a heartbeat, and a re-run of the same file resumes the import.
/// </summary>
[Alias("Registry.Organizations.IOrganizationImportJobGrain")]
public interface IOrganizationImportJobGrain : IGrainWithStringKey
{
    /// <summary>The job with its stored rejections; <c>import-not-found</c> when it never started.</summary>
    [ReadOnly]
    Task<OrganizationImportJobDetails> GetAsync();

    /// <summary>Starts the job for the file <paramref name="source"/>. Idempotent: a second start changes nothing.</summary>
    Task<OrganizationImportJobDetails> StartAsync(string source);

    /// <summary>Replaces the counts with <paramref name="progress"/>'s (they only grow) and adds its new rejections.</summary>
    Task ReportAsync(OrganizationImportProgress progress);

    /// <summary>
    /// The run is alive: a running job not heard from (by this or <see cref="ReportAsync"/>) for
    /// <see cref="OrganizationImportJobDetails.Lease"/> reads as interrupted. Idempotent.
    /// </summary>
    Task KeepAliveAsync();

    /// <summary>Ends the job: completed, or failed with <paramref name="failure"/>. Idempotent once ended.</summary>
    Task FinishAsync(string? failure);
}
