using System.Text.Json;

namespace Registry.Api.Contracts.Places;

/// <summary>A house number as written (12, 12号, 甲12号, 12-1, 12之1) and the building's location (GeoJSON Point,
/// lon/lat).</summary>
public sealed record HouseNumberRequest(string? Number, JsonElement? Location);
