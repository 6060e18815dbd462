namespace Registry.Abstractions.Organizations;

/// <summary>Where an import of the register stands.</summary>
[GenerateSerializer, Alias("Registry.Organizations.OrganizationImportJobStatus")]
public enum OrganizationImportJobStatus
{
    Running = 0,
    Completed = 1,

    /// <summary>Stopped by a failure that is not a row's (storage or cluster unavailable, shutdown): the rows stored
    /// so far stay stored; a re-run of the same file stores the rest.</summary>
    Failed = 2,

    /// <summary>
    /// Still marked running, but its run has not been heard from for <c>OrganizationImportJobDetails.Lease</c>: the
    /// process running it ended (killed, crashed, restarted) without finishing. The rows stored so far stay stored;
    /// re-running the same file resumes it (those rows are counted as already stored, the rest are imported).
    /// </summary>
    Interrupted = 3,
}
