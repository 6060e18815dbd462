using System.Text.Json;

namespace Registry.Api.Contracts.Places;

/// <summary>A house number and the building's location (GeoJSON Point, lon/lat).</summary>
public sealed record HouseNumberRequest(int? Number, JsonElement? Location);
