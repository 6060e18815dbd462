using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;

namespace Registry.Grains.Tests.Boundaries;

/// <summary>
/// Real boundary data for grain tests, from the shared data folder: province lines between two provinces whose
/// shipped geometry is valid (so both are seeded), and the junction points where three such provinces meet.
/// </summary>
public static class BoundaryData
{
    private static readonly Lazy<IReadOnlyList<ProvinceLine>> lines = new(LoadLines);

    /// <summary>Lines with at least one junction of three seeded provinces on them, in number order.</summary>
    public static IReadOnlyList<ProvinceLine> Lines => lines.Value;

    private static IReadOnlyList<ProvinceLine> LoadLines()
    {
        var seeded = SharedData.ShippedProvinces
            .Where(p => new IsValidOp(p.Geometry!).IsValid)
            .Select(p => p.Feature.Text("区划码")!)
            .Where(code => ReferenceDivisions.All.Any(d => d.Code == code))
            .ToHashSet();
        var arcs = SharedData.Read(SharedData.PathOf("cn/province-boundary-lines.geojson"))
            .Where(a => a.Feature.Text("div_b") is { } b && seeded.Contains(b) && seeded.Contains(a.Feature.Text("div_a")!))
            .GroupBy(a => BoundaryLineNumber.For(a.Feature.Text("div_a")!, a.Feature.Text("div_b")!))
            .ToDictionary(g => g.Key, g => g.ToList());
        var junctions = SharedData.Read(SharedData.PathOf("cn/province-junction-points.geojson"))
            .Select(j => (Point: (Point)j.Geometry!, Sides: Sides(j.Feature)))
            .Where(j => j.Sides.Length == 3 && j.Sides.All(seeded.Contains))
            .ToList();

        return arcs.Select(a =>
            {
                var first = a.Value[0].Feature;
                var (divisionA, divisionB) = BoundaryLineNumber.Order(first.Text("div_a")!, first.Text("div_b")!);
                var geometry = Wgs84.Factory.CreateMultiLineString(a.Value.Select(x => (LineString)x.Geometry!).ToArray());
                var onLine = junctions.Where(j => j.Sides[0] == divisionA && j.Sides[1] == divisionB)
                    .OrderBy(j => j.Point.X).Select(j => (j.Point, j.Sides)).ToList();
                return new ProvinceLine(a.Key, divisionA, divisionB, geometry, onLine);
            })
            .Where(l => l.Junctions.Count > 0)
            .OrderBy(l => l.Number, StringComparer.Ordinal)
            .ToList();
    }

    private static string[] Sides(GeoJson.RawFeature feature) =>
        feature.Properties!.Value.GetProperty("adjacent").EnumerateArray().Select(e => e.GetString()!)
            .Order(StringComparer.Ordinal).ToArray();

    public sealed record ProvinceLine(string Number, string DivisionA, string DivisionB, MultiLineString Geometry,
        IReadOnlyList<(Point Point, string[] Sides)> Junctions);
}
