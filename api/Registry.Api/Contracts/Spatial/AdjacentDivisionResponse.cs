using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Spatial;

/// <summary>A division sharing a boundary with the one asked about, and the length of that shared boundary in metres
/// (WGS84 ellipsoid).</summary>
public sealed record AdjacentDivisionResponse(string Code, string Name, DivisionLevel Level, double SharedBoundaryMetres);
