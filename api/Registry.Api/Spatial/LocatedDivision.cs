using Registry.Abstractions.Divisions;

namespace Registry.Api.Spatial;

/// <summary>A division (or reference area) whose geometry in force on the asked date contains a point.</summary>
public sealed record LocatedDivision(string Code, string Name, DivisionLevel Level, bool IsReference, int GeometryVersion);
