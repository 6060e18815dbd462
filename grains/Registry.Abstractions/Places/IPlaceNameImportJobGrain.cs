using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// The progress and report of one import of names in force, keyed by a fresh id (32 hex digits). The importer (in
/// the API) reports every few thousand rows and at the end; the job stores the counts, the refused rows and the
/// flagged ones (the first <see cref="PlaceNameImportJobDetails.MaxStoredRows"/> of each), so any API instance can
/// answer its progress while it runs and its report afterwards.
/// </summary>
[Alias("Registry.Places.IPlaceNameImportJobGrain")]
public interface IPlaceNameImportJobGrain : IGrainWithStringKey
{
    /// <summary>The job with its stored rows; <c>import-not-found</c> when it never started.</summary>
    [ReadOnly]
    Task<PlaceNameImportJobDetails> GetAsync();

    /// <summary>Starts the job for the file <paramref name="source"/>. Idempotent: a second start changes nothing.</summary>
    Task<PlaceNameImportJobDetails> StartAsync(string source);

    /// <summary>Replaces the counts with <paramref name="progress"/>'s (they only grow) and adds its new rows.</summary>
    Task ReportAsync(PlaceNameImportProgress progress);

    /// <summary>Ends the job: completed, or failed with <paramref name="failure"/>. Idempotent once ended.</summary>
    Task FinishAsync(string? failure);
}
