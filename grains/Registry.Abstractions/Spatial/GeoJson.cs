using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// Reading and writing GeoJSON (RFC 7946) with NetTopologySuite.IO.GeoJSON4STJ over <see cref="Wgs84.Factory"/>.
/// Reading never throws anything but <see cref="FormatException"/> for malformed input, so callers can answer a
/// client's bad GeoJSON with a 400 (or an import with a rejection) rather than an error.
/// </summary>
public static class GeoJson
{
    public const string MediaType = "application/geo+json";

    /// <summary>Serializer options with the GeoJSON converters (geometry, feature, feature collection).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Reads a GeoJSON geometry object; <see cref="FormatException"/> when it is not one.</summary>
    public static Geometry ReadGeometry(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A GeoJSON geometry is a JSON object with \"type\" and \"coordinates\".");
        }

        try
        {
            return element.Deserialize<Geometry>(Options)
                ?? throw new FormatException("The GeoJSON geometry is null.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException
                                      or NotSupportedException or InvalidCastException or IndexOutOfRangeException
                                      or NullReferenceException)
        {
            throw new FormatException("Not a GeoJSON geometry: " + FirstLine(e.Message), e);
        }
    }

    /// <summary>
    /// The features of a GeoJSON FeatureCollection, each with its position, <c>id</c> (if any), properties (an empty
    /// object if absent) and raw geometry; <see cref="FormatException"/> when the root is not a FeatureCollection.
    /// </summary>
    public static IReadOnlyList<RawFeature> ReadFeatureCollection(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String ||
            type.GetString() != "FeatureCollection" ||
            !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("Expected a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\", \"features\": [...]).");
        }

        var result = new List<RawFeature>(features.GetArrayLength());
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            string? id = null;
            JsonElement? properties = null;
            JsonElement? geometry = null;
            if (feature.ValueKind == JsonValueKind.Object)
            {
                if (feature.TryGetProperty("id", out var idElement))
                {
                    id = idElement.ValueKind switch
                    {
                        JsonValueKind.String => idElement.GetString(),
                        JsonValueKind.Number => idElement.GetRawText(),
                        _ => null,
                    };
                }

                if (feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
                {
                    properties = p;
                }

                if (feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object)
                {
                    geometry = g;
                }
            }

            result.Add(new RawFeature(index++, id, properties, geometry));
        }

        return result;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new GeoJsonConverterFactory(Wgs84.Factory));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>One feature of a collection, not yet interpreted.</summary>
    public sealed record RawFeature(int Index, string? Id, JsonElement? Properties, JsonElement? Geometry)
    {
        /// <summary>A property as text (strings as is, numbers as written), or null.</summary>
        public string? Text(string name) =>
            Properties is { } p && p.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                }
                : null;
    }
}
