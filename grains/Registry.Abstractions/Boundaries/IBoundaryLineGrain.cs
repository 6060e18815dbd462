using Orleans.Concurrency;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// One boundary line, keyed by its <see cref="BoundaryLineNumber"/> (e.g. <c>1113</c>). Owns the list of its markers
/// and of its joint inspections. Changes are audited and indexed in the boundary-line tiles after they are stored.
/// </summary>
[Alias("Registry.Boundaries.IBoundaryLineGrain")]
public interface IBoundaryLineGrain : IGrainWithStringKey, IIndexedRecordGrain, IPublishingGrain
{
    /// <summary>The line; <c>boundary-line-not-found</c> when it is not recorded.</summary>
    [ReadOnly]
    Task<BoundaryLineDetails> GetAsync();

    [ReadOnly]
    Task<bool> ExistsAsync();

    /// <summary>
    /// Records the line. Idempotent: the same line again answers <see cref="RecordChange.Unchanged"/>; a different
    /// one for an existing number is refused (<c>boundary-line-exists</c>: update it instead).
    /// </summary>
    Task<RecordChange> RecordAsync(RecordBoundaryLine command);

    /// <summary>Changes geometry and/or agreement; unchanged values answer <see cref="RecordChange.Unchanged"/>.</summary>
    Task<RecordChange> UpdateAsync(UpdateBoundaryLine command);

    /// <summary>
    /// Internal step of registering a marker: adds its number to the line, refusing a number whose serial is taken by
    /// a marker of another type (<c>marker-type-mismatch</c>). Idempotent.
    /// </summary>
    Task AttachMarkerAsync(string markerNumber);

    /// <summary>Opens a joint inspection of the line for <paramref name="year"/> on <paramref name="openedOn"/> (the
    /// bureau's today when null; an inspection entered from the archive gives its real date, in its year or the next
    /// and not in the future); returns its id (<c>{line}-{year}-{n}</c>). Refused while another inspection of the
    /// line is open.</summary>
    Task<string> OpenInspectionAsync(int year, string reason, DateOnly? openedOn = null);

    /// <summary>Internal step: the inspection completed on <paramref name="completedOn"/>. Idempotent.</summary>
    Task RecordInspectionCompletedAsync(string inspectionId, DateOnly completedOn);

    /// <summary>Every change of the line, oldest first (who, when, which operation, why, what changed);
    /// <c>boundary-line-not-found</c> when it is not recorded.</summary>
    [ReadOnly]
    Task<IReadOnlyList<BoundaryChange>> GetHistoryAsync();
}
