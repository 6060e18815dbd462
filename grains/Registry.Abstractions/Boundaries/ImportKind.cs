namespace Registry.Abstractions.Boundaries;

/// <summary>What a GeoJSON FeatureCollection being imported holds.</summary>
[GenerateSerializer, Alias("Registry.Boundaries.ImportKind")]
public enum ImportKind
{
    /// <summary>Polygons or MultiPolygons of divisions (or reference areas), one per feature.</summary>
    Divisions = 0,

    /// <summary>Lines between two divisions; the features of one pair are merged into one line.</summary>
    Lines = 1,

    /// <summary>Points of registered markers with number, type and details.</summary>
    Markers = 2,

    /// <summary>Points where three divisions meet, registered as triple markers (types C, D, E).</summary>
    Junctions = 3,
}
