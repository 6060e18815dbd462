using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;
using NetTopologySuite.IO;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// The Registry's one coordinate system: WGS84 longitude/latitude in degrees (EPSG:4326, x = longitude, y = latitude;
/// CGCS2000 coincides with it to well under a metre). <see cref="Services"/> and <see cref="Factory"/> are the single
/// instances every part of the system uses; hosts register these same instances in their service containers.
/// Thread-safe: the services, the factory and the WKB conversions are stateless or immutable.
/// </summary>
public static class Wgs84
{
    public const int Srid = 4326;

    /// <summary>Floating precision, plain coordinate arrays, SRID 4326.</summary>
    public static NtsGeometryServices Services { get; } =
        new(CoordinateArraySequenceFactory.Instance, PrecisionModel.Floating.Value, Srid);

    public static GeometryFactory Factory { get; } = Services.CreateGeometryFactory(Srid);

    /// <summary>Two-dimensional little-endian WKB (any Z or M is dropped).</summary>
    public static byte[] ToWkb(Geometry geometry) =>
        new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false).Write(geometry);

    /// <summary>Reads WKB written by <see cref="ToWkb"/> into a geometry of <see cref="Factory"/>.</summary>
    public static Geometry FromWkb(byte[] wkb) => new WKBReader(Services).Read(wkb);

    public static Point Point(double lon, double lat) => Factory.CreatePoint(new Coordinate(lon, lat));
}
