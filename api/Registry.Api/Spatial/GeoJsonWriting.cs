using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Text;

namespace Registry.Api.Spatial;

/// <summary>Writes RFC 7946 Features and FeatureCollections; geometry through NetTopologySuite's GeoJSON converter.</summary>
public static class GeoJsonWriting
{
    public static void WriteFeature(Utf8JsonWriter writer, string id, Geometry? geometry,
        Action<Utf8JsonWriter> properties, Action<Utf8JsonWriter>? extra = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", id);
        writer.WritePropertyName("geometry");
        if (geometry is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(writer, geometry, GeoJson.Options);
        }

        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        properties(writer);
        writer.WriteEndObject();
        extra?.Invoke(writer);
        writer.WriteEndObject();
    }

    /// <summary>A FeatureCollection of the given Features; <paramref name="before"/> and <paramref name="after"/>
    /// add foreign members (counts, links) around the features array.</summary>
    public static void WriteFeatureCollection(Utf8JsonWriter writer, IEnumerable<Action<Utf8JsonWriter>> features,
        Action<Utf8JsonWriter>? before = null, Action<Utf8JsonWriter>? after = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        before?.Invoke(writer);
        writer.WriteStartArray("features");
        foreach (var write in features)
        {
            write(writer);
        }

        writer.WriteEndArray();
        after?.Invoke(writer);
        writer.WriteEndObject();
    }

    public static void WriteBoundingBox(Utf8JsonWriter writer, string name, BoundingBox box)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        writer.WriteNumberValue(box.MinLon);
        writer.WriteNumberValue(box.MinLat);
        writer.WriteNumberValue(box.MaxLon);
        writer.WriteNumberValue(box.MaxLat);
        writer.WriteEndArray();
    }

    public static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? date)
    {
        if (date is { } value)
        {
            writer.WriteString(name, value.ToString("yyyy-MM-dd"));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
