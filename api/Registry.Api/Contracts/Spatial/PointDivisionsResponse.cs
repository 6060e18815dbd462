namespace Registry.Api.Contracts.Spatial;

/// <summary>The divisions whose geometry in force on <see cref="AsOf"/> contains the point, province level first.</summary>
public sealed record PointDivisionsResponse(double Lon, double Lat, DateOnly AsOf,
    IReadOnlyList<LocatedDivisionResponse> Divisions);
