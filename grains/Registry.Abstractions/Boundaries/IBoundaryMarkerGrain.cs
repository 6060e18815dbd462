using Registry.Abstractions.Grains;
using Orleans.Concurrency;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// One boundary marker, keyed by its <see cref="MarkerNumber"/> (e.g. <c>1113001Q</c>). Registration checks the
/// number (including its type code), that the line exists and that the marker stands near it. Changes are audited and
/// indexed in the marker tiles after they are stored.
/// </summary>
[Alias("Registry.Boundaries.IBoundaryMarkerGrain")]
public interface IBoundaryMarkerGrain : IGrainWithStringKey, IIndexedRecordGrain, IPublishingGrain
{
    /// <summary>The marker; <c>marker-not-found</c> when it is not registered.</summary>
    [ReadOnly]
    Task<MarkerDetails> GetAsync();

    /// <summary>Registers the marker. Idempotent: the same registration again answers
    /// <see cref="RecordChange.Unchanged"/>; a different one is refused (<c>marker-exists</c>).</summary>
    Task<RecordChange> RegisterAsync(RegisterMarker command);

    Task<RecordChange> UpdateDetailsAsync(UpdateMarkerDetails command);

    /// <summary>Internal step: a completed inspection or a repair set the condition. Idempotent per
    /// <paramref name="operationId"/>.</summary>
    Task RecordConditionAsync(MarkerCondition condition, string source, DateOnly since, string operationId);

    /// <summary>Every change of the marker, oldest first (who, when, which operation, why, what changed);
    /// <c>marker-not-found</c> when it is not registered.</summary>
    [ReadOnly]
    Task<IReadOnlyList<BoundaryChange>> GetHistoryAsync();
}
