using NetTopologySuite.Geometries;
using Registry.Abstractions.Tests;
using Registry.Abstractions.Text;
using Registry.Hosting.Divisions;

namespace Registry.Api.Tests.Spatial;

/// <summary>The shipped province and prefecture geometry, with whether each would be seeded.</summary>
public static class ShippedGeometry
{
    private static readonly Lazy<HashSet<string>> registered = new(() =>
        File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, "divisions-2023-provinces.csv")).Skip(1)
            .Concat(File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, "divisions-2023-cities.csv")).Skip(1))
            .Concat(File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, "divisions-2023-areas.csv")).Skip(1))
            .Select(line => CsvLine.Fields(line)![0].PadRight(6, '0'))
            .ToHashSet());

    private static readonly Lazy<IReadOnlyList<Feature>> provinces = new(() => Load(SharedData.ShippedProvinces));
    private static readonly Lazy<IReadOnlyList<Feature>> prefectures = new(() => Load(SharedData.ShippedPrefectures)
        .Where(f => !f.Code.EndsWith("0000", StringComparison.Ordinal)).ToList());

    public static IReadOnlyList<Feature> Provinces => provinces.Value;

    /// <summary>Prefecture-file features of prefecture level or below (not the municipalities' repeats).</summary>
    public static IReadOnlyList<Feature> Prefectures => prefectures.Value;

    /// <summary>Features the seeder stores: registered code; invalid geometry repaired as the seeder repairs it.</summary>
    public static IEnumerable<Feature> Seeded(IEnumerable<Feature> features) =>
        features.Where(f => f.Registered)
            .Select(f => f.Geometry.IsValid ? f : f with
            {
                Geometry = NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(f.Geometry),
            });

    public static Point InteriorPoint(Geometry geometry)
    {
        var point = geometry.InteriorPoint;
        Assert.True(geometry.Contains(point));
        return point;
    }

    private static IReadOnlyList<Feature> Load(
        IReadOnlyList<(Registry.Abstractions.Spatial.GeoJson.RawFeature Feature, Geometry? Geometry)> features) =>
        features
            .Select(f => new Feature(f.Feature.Text("区划码")!, f.Feature.Text("地名")!, f.Geometry!,
                registered.Value.Contains(f.Feature.Text("区划码")!)))
            .ToList();

    public sealed record Feature(string Code, string Name, Geometry Geometry, bool Registered);
}
