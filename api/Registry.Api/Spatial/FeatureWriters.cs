using System.Text.Json;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Text;

namespace Registry.Api.Spatial;

/// <summary>The GeoJSON Feature of each boundary record (id = its code or number; measures in metres).</summary>
public static class FeatureWriters
{
    public static void Division(Utf8JsonWriter writer, DivisionGeometryDetails d, Action<Utf8JsonWriter>? extra = null) =>
        GeoJsonWriting.WriteFeature(writer, d.Key, d.Geometry.ToGeometry(), p =>
        {
            p.WriteString("code", d.Key);
            p.WriteString("name", d.Name);
            p.WriteString("level", ApiTerms.Value(d.Level));
            p.WriteBoolean("reference", d.IsReference);
            p.WriteNumber("version", d.Version.Number);
            GeoJsonWriting.WriteDate(p, "validFrom", d.Version.From);
            GeoJsonWriting.WriteDate(p, "validUntil", d.Version.Until);
            p.WriteNumber("areaSquareMetres", Math.Round(d.Version.AreaSquareMetres));
            p.WriteNumber("perimeterMetres", Math.Round(d.Version.PerimeterMetres, 1));
            if (d.Version.Source is { } source)
            {
                p.WriteString("source", source);
            }
        }, extra);

    public static void Line(Utf8JsonWriter writer, BoundaryLineDetails l, Action<Utf8JsonWriter>? extra = null) =>
        GeoJsonWriting.WriteFeature(writer, l.Number, l.Geometry.ToGeometry(), p =>
        {
            p.WriteString("number", l.Number);
            p.WriteString("divisionA", l.DivisionA);
            p.WriteString("divisionB", l.DivisionB);
            p.WriteNumber("lengthMetres", Math.Round(l.LengthMetres, 1));
            p.WriteString("agreement", l.Agreement);
            GeoJsonWriting.WriteDate(p, "agreementDate", l.AgreementDate);
            p.WriteNumber("markers", l.Markers.Count);
            GeoJsonWriting.WriteDate(p, "lastCompletedInspection", l.LastCompletedInspection);
            p.WriteString("source", "record");
        }, extra);

    public static void Marker(Utf8JsonWriter writer, MarkerDetails m, Action<Utf8JsonWriter>? properties = null,
        Action<Utf8JsonWriter>? extra = null) =>
        GeoJsonWriting.WriteFeature(writer, m.Number, Abstractions.Spatial.Wgs84.Point(m.Lon, m.Lat), p =>
        {
            p.WriteString("number", m.Number);
            p.WriteString("line", m.LineNumber);
            p.WriteNumber("serial", m.Serial);
            p.WriteString("typeCode", m.TypeCode);
            p.WriteString("type", ApiTerms.Value(m.Type));
            p.WriteString("condition", ApiTerms.Value(m.Condition));
            GeoJsonWriting.WriteDate(p, "conditionSince", m.ConditionSince);
            p.WriteNumber("distanceFromLineMetres", Math.Round(m.DistanceFromLineMetres, 2));
            if (m.Material is { } material)
            {
                p.WriteString("material", material);
            }

            p.WriteStartArray("landmarks");
            foreach (var landmark in m.Landmarks)
            {
                p.WriteStringValue(landmark);
            }

            p.WriteEndArray();
            p.WriteNumber("photos", m.Photos.Count);
            properties?.Invoke(p);
        }, extra);
}
