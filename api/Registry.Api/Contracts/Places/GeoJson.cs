using System.Text.Json;
using Registry.Abstractions.Spatial;
using Registry.Api.ErrorHandling;
using SpatialGeoJson = Registry.Abstractions.Spatial.GeoJson;

namespace Registry.Api.Contracts.Places;

/// <summary>
/// GeoJSON (RFC 7946) on the wire, WKB across the grain boundary: the place-name contracts' use of the shared
/// reader (<see cref="SpatialGeoJson"/>) and the one coordinate system (<see cref="Wgs84"/>). Thread-safe.
/// </summary>
public static class GeoJson
{
    /// <summary>Reads a GeoJSON geometry to WKB; records a 400 <c>geometry-geojson</c> and returns null when it is not one.</summary>
    public static byte[]? ToWkb(RequestChecks checks, string field, JsonElement? json)
    {
        if (json is null || json.Value.ValueKind == JsonValueKind.Null)
        {
            checks.Fail(field, "field-required", $"'{field}' is required.");
            return null;
        }

        try
        {
            return Wgs84.ToWkb(SpatialGeoJson.ReadGeometry(json.Value));
        }
        catch (FormatException)
        {
            checks.Fail(field, "geometry-geojson", $"'{field}' is not a GeoJSON geometry object (RFC 7946).");
            return null;
        }
    }

    /// <summary>The geometry as GeoJSON; JSON null for none (a recorded name whose records hold no geometry).</summary>
    public static JsonElement ToJson(byte[] wkb) => wkb.Length == 0
        ? JsonSerializer.SerializeToElement<object?>(null)
        : JsonSerializer.SerializeToElement(Wgs84.FromWkb(wkb), SpatialGeoJson.Options);
}
