using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>Change a line's geometry and/or agreement (e.g. after a new agreement); null fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.UpdateBoundaryLine")]
public sealed record UpdateBoundaryLine(
    [property: Id(0)] GeometryWkb? Geometry,
    [property: Id(1)] string? Agreement,
    [property: Id(2)] DateOnly? AgreementDate,
    [property: Id(3)] string Reason);
