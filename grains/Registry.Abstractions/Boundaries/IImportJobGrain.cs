using Orleans.Concurrency;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// The progress and report of one bulk import, keyed by a fresh id. The importer (in the API) reports after each batch
/// of features; the job stores counts and rejections so progress and the final report can be read at any time.
/// </summary>
[Alias("Registry.Boundaries.IImportJobGrain")]
public interface IImportJobGrain : IGrainWithStringKey
{
    /// <summary>The job; <c>import-not-found</c> when it never started.</summary>
    [ReadOnly]
    Task<ImportJobDetails> GetAsync();

    /// <summary>Starts the job. Idempotent for the same start.</summary>
    Task StartAsync(ImportJobStart start);

    /// <summary>Adds a batch's counts and rejections.</summary>
    Task ReportAsync(ImportProgress progress);

    /// <summary>Ends the job: completed, or failed with <paramref name="failure"/>.</summary>
    Task FinishAsync(string? failure);
}
