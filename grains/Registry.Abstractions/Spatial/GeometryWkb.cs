using NetTopologySuite.Geometries;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// A geometry crossing a grain boundary: two-dimensional WKB in WGS84 lon/lat (SRID 4326, see <see cref="Wgs84"/>).
/// Immutable by contract: nobody writes into <see cref="Bytes"/>, so Orleans passes it without copying.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.GeometryWkb")]
public sealed record GeometryWkb([property: Id(0)] byte[] Bytes)
{
    public static GeometryWkb From(Geometry geometry) => new(Wgs84.ToWkb(geometry));

    public Geometry ToGeometry() => Wgs84.FromWkb(Bytes);

    /// <summary>True when both hold the same bytes (the same coordinates in the same order).</summary>
    public bool SameAs(GeometryWkb? other) => other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes);
}
