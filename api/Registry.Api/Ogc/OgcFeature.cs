using System.Buffers;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Ogc;

/// <summary>
/// One feature as <c>/ogc</c> serves it: its id, the key it is ordered and paged by, its geometry (WGS84 lon/lat),
/// its properties as the registry's feature writers write them, and the validity it is shown with. Immutable.
/// </summary>
public sealed record OgcFeature(string Id, OgcFeatureKey Key, Geometry? Geometry, JsonElement Properties)
{
    /// <summary>The feature a registry feature writer writes, with <paramref name="id"/> as its OGC id.</summary>
    public static OgcFeature From(string id, OgcFeatureKey key, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var root = document.RootElement;
        var geometry = root.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object
            ? GeoJson.ReadGeometry(g)
            : null;
        return new OgcFeature(id, key, geometry, root.GetProperty("properties").Clone());
    }

    /// <summary>A property's value for filtering: strings, numbers, booleans; dates (queryables of format date)
    /// as <see cref="DateOnly"/>; <c>geometry</c> the feature's geometry; anything else (missing, arrays) null.
    /// </summary>
    public object? Value(string name, OgcQueryables queryables)
    {
        if (name == OgcQueryables.GeometryName)
        {
            return Geometry;
        }

        if (!Properties.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when queryables.IsDate(name) &&
                                      DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", out var date) => date,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}
