using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;

namespace Registry.Grains.Tests.Hosting;

/// <summary>
/// A real county outline (the shipped US counties file) to write as division geometry in the outbox tests: its
/// record key, a point inside it, the divisions tile that point falls in, and the command that stores it. Each test
/// takes a county of its own (<paramref name="skip"/>), so no tile entry is another test's.
/// </summary>
internal sealed record OutboxTestCounty(string Key, Point Inside, string TileKey, SetDivisionGeometry Command)
{
    public static OutboxTestCounty Pick(int skip)
    {
        var county = SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .Where(c => c.Geometry is Polygon { NumPoints: > 30 } && new IsValidOp(c.Geometry).IsValid)
            .Skip(skip).First();
        var inside = county.Geometry!.InteriorPoint;
        return new OutboxTestCounty("us-fips:" + county.Feature.Id, inside,
            SpatialTiling.TileOf(SpatialLayer.Divisions, inside.X, inside.Y).Key,
            new SetDivisionGeometry(GeometryWkb.From(county.Geometry), null, "outbox test", county.Feature.Text("name"),
                DivisionLevel.County, "us-atlas"));
    }
}
