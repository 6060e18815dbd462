using Registry.Abstractions.Divisions;

namespace Registry.Api.Spatial;

/// <summary>A division (or reference area) whose geometry in force on the asked date contains a point, or whose
/// boundary passes through it (<see cref="OnBoundary"/>).</summary>
public sealed record LocatedDivision(string Code, string Name, DivisionLevel Level, bool IsReference, int GeometryVersion,
    bool OnBoundary = false);
