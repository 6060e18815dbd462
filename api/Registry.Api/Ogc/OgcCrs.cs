using NetTopologySuite.Geometries;

namespace Registry.Api.Ogc;

/// <summary>
/// The coordinate reference systems <c>/ogc</c> answers in and reads boxes and filter geometry in (OGC API -
/// Features - Part 2). Stored geometry is WGS84 longitude/latitude. CRS84 is that, in that axis order. EPSG:4326 is
/// the same datum with latitude first. EPSG:4490 (CGCS2000, China's geodetic datum) also has latitude first; its
/// ellipsoid and WGS84's differ by 0.1 mm in the semi-minor axis and the frames by centimetres, below the precision
/// of the division outlines, so the registry treats stored coordinates as CGCS2000 ones without transformation:
/// the numbers are the stored ones, only the axis order changes.
/// </summary>
public sealed record OgcCrs(string Uri, bool LatitudeFirst)
{
    public static readonly OgcCrs Crs84 = new("http://www.opengis.net/def/crs/OGC/1.3/CRS84", false);

    public static readonly OgcCrs Wgs84LatLon = new("http://www.opengis.net/def/crs/EPSG/0/4326", true);

    public static readonly OgcCrs Cgcs2000 = new("http://www.opengis.net/def/crs/EPSG/0/4490", true);

    public static IReadOnlyList<OgcCrs> Supported { get; } = [Crs84, Wgs84LatLon, Cgcs2000];

    /// <summary>The CRS a URI (or its safe CURIE, e.g. <c>[EPSG:4326]</c>) names; null when not offered.</summary>
    public static OgcCrs? Find(string? text)
    {
        var value = (text ?? "").Trim();
        value = value switch
        {
            "[OGC:CRS84]" => Crs84.Uri,
            "[EPSG:4326]" => Wgs84LatLon.Uri,
            "[EPSG:4490]" => Cgcs2000.Uri,
            _ => value.StartsWith("https://", StringComparison.Ordinal) ? "http://" + value[8..] : value,
        };
        return Supported.FirstOrDefault(c => c.Uri == value);
    }

    /// <summary>Stored lon/lat geometry in this CRS's axis order, or this CRS's geometry in lon/lat (swapping is its
    /// own inverse). The input is not changed.</summary>
    public Geometry Swap(Geometry geometry)
    {
        if (!LatitudeFirst)
        {
            return geometry;
        }

        var copy = geometry.Copy();
        copy.Apply(new AxisSwap());
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>A box's numbers as written in this CRS (4 or 6 of them) put in lon/lat order.</summary>
    public string[] BoxToLonLat(string[] parts) => !LatitudeFirst ? parts : parts.Length switch
    {
        4 => [parts[1], parts[0], parts[3], parts[2]],
        6 => [parts[1], parts[0], parts[2], parts[4], parts[3], parts[5]],
        _ => parts,
    };

    private sealed class AxisSwap : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            seq.SetX(i, seq.GetY(i));
            seq.SetY(i, x);
        }
    }
}
