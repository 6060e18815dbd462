using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Spatial;

/// <summary>A division containing the point: code (or reference key), name on the date, level, whether it is a
/// reference area, and the geometry version that contains the point.</summary>
public sealed record LocatedDivisionResponse(string Code, string Name, DivisionLevel Level, bool Reference,
    int GeometryVersion);
