using Orleans.Concurrency;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// One joint inspection of a boundary line by both sides, keyed <c>{line}-{year}-{n}</c>. Findings are recorded per
/// marker until the first signature; it completes when both sides have signed; repairs of markers found not intact
/// are then tracked until done. Completion and repairs update the line and the markers (resumed after a crash).
/// </summary>
[Alias("Registry.Boundaries.IJointInspectionGrain")]
public interface IJointInspectionGrain : IGrainWithStringKey, IPublishingGrain
{
    /// <summary>The inspection; <c>inspection-not-found</c> when it was never opened.</summary>
    [ReadOnly]
    Task<InspectionDetails> GetAsync();

    /// <summary>Internal step of <see cref="IBoundaryLineGrain.OpenInspectionAsync"/>. Idempotent.</summary>
    Task OpenAsync(InspectionOpening opening);

    /// <summary>Records (or, before any signature, replaces) the finding for one marker.</summary>
    Task<InspectionFinding> RecordFindingAsync(RecordFinding command);

    /// <summary>One side signs; the second signature completes the inspection.</summary>
    Task<InspectionDetails> SignAsync(SignInspection command);

    /// <summary>Marks the open repair of a marker done.</summary>
    Task<InspectionDetails> CompleteRepairAsync(CompleteRepair command);
}
