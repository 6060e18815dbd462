using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;
using Registry.Hosting.Spatial;

namespace Registry.Abstractions.Tests;

/// <summary>
/// The project's real datasets: the geometry shipped with the silo, and the small public datasets the tests need,
/// copied into <c>tests/TestData</c> (its README names each source, licence and how it was cut). A test reads only
/// these files, never anything outside the repository.
/// Tests derive their inputs from these files; nothing here is typed by hand.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> directory = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "TestData");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("The test data folder (tests/TestData) was not found above " +
            AppContext.BaseDirectory);
    });

    public static string Directory => directory.Value;

    /// <summary>
    /// A file by its path under tests/TestData, or for China's province and prefecture polygons the identical files
    /// the silo ships.
    /// </summary>
    public static string PathOf(string relative)
    {
        var copy = Path.Combine(Directory, relative);
        var shipped = Path.Combine(GeometrySeeder.DefaultDirectory, Path.GetFileName(relative));
        return relative is "cn/provinces.geojson" or "cn/prefectures.geojson" && !File.Exists(copy) ? shipped : copy;
    }

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
