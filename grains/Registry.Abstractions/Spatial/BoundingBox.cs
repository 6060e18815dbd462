using NetTopologySuite.Geometries;

namespace Registry.Abstractions.Spatial;

/// <summary>A longitude/latitude box in degrees; <see cref="MinLon"/> &lt;= <see cref="MaxLon"/> (a box across the
/// antimeridian is given as two boxes).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.BoundingBox")]
public readonly record struct BoundingBox(
    [property: Id(0)] double MinLon,
    [property: Id(1)] double MinLat,
    [property: Id(2)] double MaxLon,
    [property: Id(3)] double MaxLat)
{
    public Envelope ToEnvelope() => new(MinLon, MaxLon, MinLat, MaxLat);

    public static BoundingBox From(Envelope envelope) =>
        new(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
}
