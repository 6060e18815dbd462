using NetTopologySuite.Geometries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>Reads geometry sent to a grain, refusing bytes that are not WKB.</summary>
internal static class SpatialInput
{
    public static Geometry Read(GeometryWkb? wkb, string field)
    {
        if (wkb?.Bytes is not { Length: > 0 } bytes)
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        try
        {
            return Wgs84.FromWkb(bytes);
        }
        catch (Exception e) when (e is ArgumentException or NetTopologySuite.IO.ParseException or
                                      InvalidOperationException or IndexOutOfRangeException or EndOfStreamException)
        {
            throw DomainException.Invalid("geometry-malformed", field, "The geometry could not be read.");
        }
    }
}
