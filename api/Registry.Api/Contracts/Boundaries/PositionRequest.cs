namespace Registry.Api.Contracts.Boundaries;

/// <summary>A WGS84 position in degrees.</summary>
public sealed record PositionRequest(double? Lon, double? Lat);
