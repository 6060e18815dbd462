namespace Registry.Api.Contracts.Places;

/// <summary>A sign set along a street: <c>kind</c> (road-sign, lane-sign, building-plate, door-plate, unit-plate),
/// the house number it is set at (plates), the building (building plates) and unit (unit plates), and the day it
/// was set (YYYY-MM-DD).</summary>
public sealed record PlaceSignRequest(string? Kind, string? HouseNumber, string? Building, string? Unit, string? SetOn);
