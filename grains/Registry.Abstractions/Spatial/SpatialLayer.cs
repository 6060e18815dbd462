namespace Registry.Abstractions.Spatial;

/// <summary>The spatially indexed record kinds; each has its own tiles.</summary>
[GenerateSerializer, Alias("Registry.Spatial.SpatialLayer")]
public enum SpatialLayer
{
    /// <summary>Division geometry versions (areas).</summary>
    Divisions = 0,

    /// <summary>Boundary lines between two divisions.</summary>
    BoundaryLines = 1,

    /// <summary>Boundary markers (points).</summary>
    Markers = 2,

    /// <summary>Reserved for the place-name registry.</summary>
    PlaceNames = 3,
}
