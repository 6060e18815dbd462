using Registry.Abstractions.Grains;
using Orleans.Concurrency;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// The geometry of one division over time, keyed by <see cref="DivisionRef"/> (a registry division code such as
/// <c>110000</c>, or a reference area <c>scheme:id</c>). Geometry is WGS84 lon/lat (SRID 4326), a valid Polygon or
/// MultiPolygon. Every change is audited and indexed in the division tiles after it is stored.
/// </summary>
[Alias("Registry.Boundaries.IDivisionGeometryGrain")]
public interface IDivisionGeometryGrain : IGrainWithStringKey, IIndexedRecordGrain, IPublishingGrain
{
    /// <summary>The version in force on <paramref name="asOf"/>; <c>division-geometry-not-found</c> when there is
    /// none.</summary>
    [ReadOnly]
    Task<DivisionGeometryDetails> GetAsync(DateOnly asOf);

    /// <summary>Every version, oldest first (empty when nothing is recorded).</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionGeometryVersion>> GetVersionsAsync();

    /// <summary>True once any version is recorded (how lines check that a reference area exists).</summary>
    [ReadOnly]
    Task<bool> ExistsAsync();

    /// <summary>
    /// Records a version or corrects one (see <see cref="SetDivisionGeometry"/>). Idempotent: the same geometry for
    /// the same effective date answers <see cref="RecordChange.Unchanged"/> and stores nothing.
    /// </summary>
    Task<DivisionGeometryChange> SetAsync(SetDivisionGeometry command);
}
