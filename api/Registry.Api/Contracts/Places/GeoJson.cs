using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using Registry.Api.ErrorHandling;

namespace Registry.Api.Contracts.Places;

/// <summary>GeoJSON (RFC 7946) on the wire, WKB across the grain boundary. Thread-safe.</summary>
public static class GeoJson
{
    private static readonly GeometryFactory Factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

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
            if (json.Value.Deserialize<Geometry>(Options) is { } geometry)
            {
                return new WKBWriter().Write(geometry);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException
                                      or NotSupportedException or FormatException or IndexOutOfRangeException)
        {
        }

        checks.Fail(field, "geometry-geojson", $"'{field}' is not a GeoJSON geometry object (RFC 7946).");
        return null;
    }

    public static JsonElement ToJson(byte[] wkb) =>
        JsonSerializer.SerializeToElement(new WKBReader(NtsGeometryServices.Instance).Read(wkb), Options);
}
