using Registry.Abstractions.Divisions;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// Record a division's geometry in force from <see cref="EffectiveDate"/> (null: since before the registry's
/// records). A later date than the latest version's adds a version; the same date corrects that version; an earlier
/// one is refused. <see cref="Name"/> and <see cref="Level"/> are required for reference areas and ignored for
/// registry divisions (whose names live in the division registry). <see cref="Source"/> names the dataset.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.SetDivisionGeometry")]
public sealed record SetDivisionGeometry(
    [property: Id(0)] GeometryWkb Geometry,
    [property: Id(1)] DateOnly? EffectiveDate,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? Name,
    [property: Id(4)] DivisionLevel? Level,
    [property: Id(5)] string? Source);
