using System.Text.Json;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Ogc;

/// <summary>
/// What a collection can be filtered by (OGC API - Features - Part 3 queryables): the properties its features carry,
/// each with its JSON Schema type, and its geometry. Dates are strings of format <c>date</c>; a division's
/// <c>validUntil</c> is the first day it is no longer in force (open: null).
/// </summary>
public sealed class OgcQueryables
{
    public const string GeometryName = "geometry";

    private readonly IReadOnlyList<Queryable> properties;

    private OgcQueryables(string geometryFormat, params Queryable[] properties)
    {
        GeometryFormat = geometryFormat;
        this.properties = properties;
    }

    public string GeometryFormat { get; }

    public IReadOnlyList<Queryable> Properties => properties;

    public static OgcQueryables For(SpatialLayer layer) => layer switch
    {
        SpatialLayer.Divisions => Divisions,
        SpatialLayer.BoundaryLines => Lines,
        SpatialLayer.Markers => Markers,
        _ => PlaceNames,
    };

    public bool Has(string name) => name == GeometryName || properties.Any(p => p.Name == name);

    public bool IsDate(string name) => properties.Any(p => p.Name == name && p.Format == "date");

    /// <summary>The JSON Schema (2020-12) document of the queryables.</summary>
    public void Write(Utf8JsonWriter w, string id, string title)
    {
        w.WriteStartObject();
        w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
        w.WriteString("$id", id);
        w.WriteString("type", "object");
        w.WriteString("title", title);
        w.WriteStartObject("properties");
        w.WriteStartObject(GeometryName);
        w.WriteString("title", "Geometry (WGS84 longitude/latitude unless filter-crs says otherwise)");
        w.WriteString("format", GeometryFormat);
        w.WriteString("x-ogc-role", "primary-geometry");
        w.WriteEndObject();
        foreach (var p in properties)
        {
            w.WriteStartObject(p.Name);
            w.WriteString("title", p.Title);
            w.WriteString("type", p.Type);
            if (p.Format is { } format)
            {
                w.WriteString("format", format);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    }

    private static Queryable Text(string name, string title) => new(name, title, "string", null);

    private static Queryable Date(string name, string title) => new(name, title, "string", "date");

    private static Queryable Number(string name, string title) => new(name, title, "number", null);

    private static Queryable Integer(string name, string title) => new(name, title, "integer", null);

    private static readonly OgcQueryables Divisions = new("geometry-multipolygon",
        Text("code", "Division code (GB/T 2260) or reference area scheme:id"),
        Text("name", "Name on the date shown"),
        Text("level", "province, prefecture, county or township"),
        new("reference", "True for a reference area (not a registry division)", "boolean", null),
        Integer("version", "Geometry version number (1 first)"),
        Date("validFrom", "First day this geometry is in force (null: since before the records)"),
        Date("validUntil", "First day it is no longer in force (null: still in force)"),
        Number("areaSquareMetres", "Area on the WGS84 ellipsoid, square metres"),
        Number("perimeterMetres", "Perimeter on the WGS84 ellipsoid, metres"),
        Text("source", "Where the geometry comes from"));

    private static readonly OgcQueryables Lines = new("geometry-linestring",
        Text("number", "Boundary line number"),
        Text("divisionA", "One side's division"),
        Text("divisionB", "The other side's division"),
        Number("lengthMetres", "Length on the WGS84 ellipsoid, metres"),
        Text("agreement", "The boundary agreement"),
        Date("agreementDate", "Date of the agreement"),
        Integer("markers", "Number of markers on the line"),
        Date("lastCompletedInspection", "Date the last joint inspection was completed"),
        Text("source", "Where the line comes from"));

    private static readonly OgcQueryables Markers = new("geometry-point",
        Text("number", "Marker number (GB/T 17796)"),
        Text("line", "Boundary line number"),
        Integer("serial", "Serial on the line"),
        Text("typeCode", "Type code (Q, A, B, C, D, E)"),
        Text("type", "Marker type"),
        Text("condition", "Condition"),
        Date("conditionSince", "Date of the condition"),
        Number("distanceFromLineMetres", "Distance from the line, metres"),
        Text("material", "Material"),
        Integer("photos", "Number of photos"));

    private static readonly OgcQueryables PlaceNames = new("geometry-any",
        Text("name", "Standard name"),
        Text("romanization", "Romanization (Hanyu Pinyin)"),
        Text("category", "Category"),
        Text("status", "announced or reference"),
        Text("divisionCode", "Division the place lies in"),
        Text("locationDescription", "Location description"),
        Text("approvingAuthority", "Approving authority"),
        Date("approvedOn", "Date approved"),
        Date("announcedOn", "Date announced"),
        Text("source", "External source"),
        Text("sourceId", "Id in the external source"),
        Text("attribution", "Credit of the external source"));

    /// <summary>One queryable property and its JSON Schema type (and format).</summary>
    public sealed record Queryable(string Name, string Title, string Type, string? Format);
}
