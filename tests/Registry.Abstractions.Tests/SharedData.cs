using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;
using Registry.Hosting.Spatial;

namespace Registry.Abstractions.Tests;

/// <summary>
/// The project's real datasets: the geometry shipped with the silo, and the shared data folder beside the repository
/// (<c>../shared/data</c>, see its README), found by walking up from the test output. Tests derive their inputs from
/// these files; nothing here is typed by hand.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> directory = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("The shared data folder (../shared/data) was not found above " +
            AppContext.BaseDirectory);
    });

    public static string Directory => directory.Value;

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    public static IReadOnlyList<(GeoJson.RawFeature Feature, Geometry? Geometry)> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return GeoJson.ReadFeatureCollection(document.RootElement.Clone())
            .Select(f => (f, f.Geometry is { } g ? GeoJson.ReadGeometry(g) : null))
            .ToList();
    }

    public static IReadOnlyList<(GeoJson.RawFeature Feature, Geometry? Geometry)> ShippedProvinces =>
        Read(Path.Combine(GeometrySeeder.DefaultDirectory, "provinces.geojson"));

    public static IReadOnlyList<(GeoJson.RawFeature Feature, Geometry? Geometry)> ShippedPrefectures =>
        Read(Path.Combine(GeometrySeeder.DefaultDirectory, "prefectures.geojson"));
}
