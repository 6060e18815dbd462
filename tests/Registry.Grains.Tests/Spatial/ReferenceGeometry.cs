using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Spatial;
using Registry.Hosting.Spatial;

namespace Registry.Grains.Tests.Spatial;

/// <summary>The shipped reference geometry, read once, so tests pick real polygons instead of typing coordinates.</summary>
public static class ReferenceGeometry
{
    private static readonly Lazy<IReadOnlyList<Feature>> provinces = new(() => Load("provinces.geojson"));
    private static readonly Lazy<IReadOnlyList<Feature>> prefectures = new(() => Load("prefectures.geojson"));

    public static IReadOnlyList<Feature> Provinces => provinces.Value;

    public static IReadOnlyList<Feature> Prefectures => prefectures.Value;

    /// <summary>A point strictly inside the polygon (NTS's interior point, checked).</summary>
    public static Point InteriorPoint(Geometry geometry)
    {
        var point = geometry.InteriorPoint;
        Assert.True(geometry.Contains(point));
        return point;
    }

    private static IReadOnlyList<Feature> Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(GeometrySeeder.DefaultDirectory, file)));
        var codes = ReferenceDivisions.All.Select(d => d.Code).ToHashSet();
        return GeoJson.ReadFeatureCollection(document.RootElement).Select(f =>
        {
            var geometry = GeoJson.ReadGeometry(f.Geometry!.Value);
            var code = f.Text("区划码")!;
            return new Feature(code, f.Text("地名")!, geometry, new IsValidOp(geometry).IsValid, codes.Contains(code));
        }).ToList();
    }

    public sealed record Feature(string Code, string Name, Geometry Geometry, bool Valid, bool Registered);
}
