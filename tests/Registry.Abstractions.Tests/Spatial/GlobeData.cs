using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Tests.Spatial;

/// <summary>Real geometry for tests on the whole globe, from Natural Earth (tests/TestData/world/admin1-10m.geojson).</summary>
public static class GlobeData
{
    /// <summary>Natural Earth's Antarctica (a polygon holding the South Pole, edged along the antimeridian).</summary>
    public static Geometry Antarctica() =>
        GeometryRules.Normalize(SharedData.Read(SharedData.PathOf("world/admin1-10m.geojson"))
            .Single(f => f.Feature.Text("adm1_code") == "ATA+00?").Geometry!);

    /// <summary>Natural Earth's Chukotka: its parts as published (cut at 180) and one polygon joining those that
    /// touch across 180, written with longitudes in [-180, 180] so its edges there jump by nearly 360 degrees.</summary>
    public static (Geometry Parts, Geometry Crossing) Chukotka()
    {
        var published = GeometryRules.Normalize(SharedData.Read(SharedData.PathOf("world/admin1-10m.geojson"))
            .Single(f => f.Feature.Text("adm1_code") == "RUS-2321").Geometry!);
        var shifted = published.Copy();
        shifted.Apply(new Unwrap());
        shifted.GeometryChanged();
        var joined = OverlayNGRobust.Union(shifted);
        // The mainland (Wrangel Island crosses 180 too).
        var across = Enumerable.Range(0, joined.NumGeometries).Select(joined.GetGeometryN)
            .Where(p => p.EnvelopeInternal.MinX < 180 && p.EnvelopeInternal.MaxX > 180)
            .MaxBy(p => p.Area)!;
        var parts = Wgs84.Factory.CreateMultiPolygon(Enumerable.Range(0, published.NumGeometries)
            .Select(i => (Polygon)published.GetGeometryN(i))
            .Where(p => across.Covers(Shifted(p)))
            .ToArray());
        var crossing = across.Copy();
        crossing.Apply(new Wrap());
        crossing.GeometryChanged();
        return (parts, crossing);
    }

    private static Geometry Shifted(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new Unwrap());
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>Moves the western hemisphere one turn east (longitudes below 0 plus 360).</summary>
    private sealed class Unwrap : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i) < 0 ? seq.GetX(i) + 360 : seq.GetX(i);
                // The source's rounding noise at the antimeridian (-179.9999999999999): both sides meet on 180.
                seq.SetX(i, Math.Abs(x - 180) <= GeometryRules.LimitNoise ? 180 : x);
            }
        }
    }

    /// <summary>Brings longitudes beyond 180 back into [-180, 180].</summary>
    private sealed class Wrap : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                if (seq.GetX(i) > 180)
                {
                    seq.SetX(i, seq.GetX(i) - 360);
                }
            }
        }
    }
}
