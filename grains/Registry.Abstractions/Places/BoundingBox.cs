namespace Registry.Abstractions.Places;

/// <summary>A lon/lat box (degrees, WGS84); <see cref="MinX"/> &gt; <see cref="MaxX"/> crosses the antimeridian.</summary>
[GenerateSerializer, Alias("Registry.Places.BoundingBox")]
public sealed record BoundingBox(
    [property: Id(0)] double MinX,
    [property: Id(1)] double MinY,
    [property: Id(2)] double MaxX,
    [property: Id(3)] double MaxY);
