namespace Registry.Abstractions.Spatial;

/// <summary>The kind of geometry a record holds.</summary>
public enum GeometryKind
{
    /// <summary>Polygon or MultiPolygon (division areas).</summary>
    Area = 0,

    /// <summary>LineString or MultiLineString (boundary lines).</summary>
    Line = 1,

    /// <summary>Point (boundary markers).</summary>
    Point = 2,
}
