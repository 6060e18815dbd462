using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>One stored geometry version (WKB, WGS84 lon/lat) with its measures and provenance.</summary>
public sealed class GeometryVersionState
{
    public int Number { get; set; }

    /// <summary>In force from this date; null: since before the registry's records.</summary>
    public DateOnly? From { get; set; }

    public byte[] Wkb { get; set; } = [];

    public double AreaSquareMetres { get; set; }

    public double PerimeterMetres { get; set; }

    public double MinLon { get; set; }

    public double MinLat { get; set; }

    public double MaxLon { get; set; }

    public double MaxLat { get; set; }

    public int Vertices { get; set; }

    public string? Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The office that recorded the version, which the public history names.</summary>
    public string RecordedBy { get; set; } = "";

    /// <summary>The account that recorded the version, kept for the audit and never published; null on versions
    /// stored before it was kept.</summary>
    public string? Account { get; set; }

    public string Reason { get; set; } = "";

    public int Corrections { get; set; }

    /// <summary>A version of <paramref name="geometry"/> (valid, WGS84) with its measures computed.</summary>
    public static GeometryVersionState Create(int number, DateOnly? from, Geometry geometry, string? source,
        DateTimeOffset recordedAt, string recordedBy, string reason, int corrections = 0) => new()
    {
        Number = number,
        From = from,
        Wkb = Wgs84.ToWkb(geometry),
        AreaSquareMetres = Geodesy.AreaSquareMetres(geometry),
        PerimeterMetres = Geodesy.LengthMetres(geometry),
        MinLon = geometry.EnvelopeInternal.MinX,
        MinLat = geometry.EnvelopeInternal.MinY,
        MaxLon = geometry.EnvelopeInternal.MaxX,
        MaxLat = geometry.EnvelopeInternal.MaxY,
        Vertices = geometry.NumPoints,
        Source = source,
        RecordedAt = recordedAt,
        RecordedBy = recordedBy,
        Reason = reason,
        Corrections = corrections,
    };
}
