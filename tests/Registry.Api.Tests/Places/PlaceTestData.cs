using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Text;
using Registry.Grains.Tests;
using Registry.Hosting.Divisions;

namespace Registry.Api.Tests.Places;

/// <summary>
/// Real inputs for the place-name tests: townships (and their counties) from the shipped division lists, points of
/// the GeoNames excerpt, lines of the boundary-line excerpt, village names of the village excerpt (all under
/// Places/Data, see its ATTRIBUTION.md). Spellings are never typed: tests ask the API's suggestion, which comes from
/// the shipped pinyin table.
/// </summary>
public static class PlaceTestData
{
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Places", "Data");

    public static string CitiesExcerpt => Path.Combine(DataDirectory, "cities-excerpt.json");

    private static readonly Lazy<JsonArray> cities = new(() =>
        JsonNode.Parse(File.ReadAllText(CitiesExcerpt))!.AsArray());

    private static readonly Lazy<IReadOnlyList<JsonArray>> lines = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(DataDirectory, "boundary-lines-excerpt.geojson")))!["features"]!
            .AsArray().Select(f => f!["geometry"]!["coordinates"]!.AsArray()).ToList());

    /// <summary>Townships in force whose name the table can spell, in code order, skipping the first 20,000 (far
    /// from the divisions other tests change).</summary>
    private static readonly Lazy<IReadOnlyList<(string Code, string Name, string County)>> townships = new(() =>
        ReferenceDivisions.All
            .Where(d => d.Level == DivisionLevel.Township && d.Names[0].Value.All(c => c >= 0x4E00 && c <= 0x9FFF))
            .Skip(20_000)
            .Select(d => (d.Code, d.Names[0].Value, d.Code[..6]))
            .ToList());

    /// <summary>The n-th township whose name ends in 街道 (a generic the spelling separates) and whose county
    /// differs from the previous pick's.</summary>
    public static (string Code, string Name, string County) Township(int n) =>
        townships.Value.Where(t => t.Name.EndsWith("街道", StringComparison.Ordinal))
            .DistinctBy(t => t.County).Skip(n).First();

    /// <summary>A township matching <paramref name="predicate"/>, the n-th such.</summary>
    public static (string Code, string Name, string County) TownshipWhere(Func<string, bool> predicate, int n = 0) =>
        townships.Value.Where(t => predicate(t.Name)).DistinctBy(t => t.County).Skip(n).First();

    /// <summary>Two townships in different counties with the same name.</summary>
    public static ((string Code, string Name, string County) A, (string Code, string Name, string County) B) SameNameTwice(int n)
    {
        var pair = townships.Value.GroupBy(t => t.Name)
            .Where(g => g.Select(t => t.County).Distinct().Count() >= 2)
            .Skip(n).First().DistinctBy(t => t.County).Take(2).ToList();
        return (pair[0], pair[1]);
    }

    /// <summary>The n-th Chinese place of the excerpt as a GeoJSON Point.</summary>
    public static JsonObject ChinesePoint(int n)
    {
        var city = cities.Value.Where(c => (string?)c!["country"] == "CN").Skip(n).First()!;
        return Point(double.Parse((string)city["lng"]!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((string)city["lat"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    public static (double Lon, double Lat) ChineseCoordinates(int n)
    {
        var point = ChinesePoint(n)["coordinates"]!.AsArray();
        return ((double)point[0]!, (double)point[1]!);
    }

    public static JsonObject Point(double lon, double lat) =>
        new() { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) };

    /// <summary>The n-th boundary line of the excerpt, as coordinates.</summary>
    public static IReadOnlyList<(double Lon, double Lat)> Line(int n) =>
        lines.Value[n].Select(c => ((double)c![0]!, (double)c[1]!)).ToList();

    public static JsonObject LineString(IReadOnlyList<(double Lon, double Lat)> line) =>
        new() { ["type"] = "LineString", ["coordinates"] = new JsonArray(line.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat)).ToArray()) };

    /// <summary>
    /// A point beside segment <paramref name="segment"/> of the line, offset from its midpoint perpendicular to it
    /// by <paramref name="offset"/> degrees: positive to the left facing along the line, negative to the right.
    /// </summary>
    public static JsonObject Beside(IReadOnlyList<(double Lon, double Lat)> line, int segment, double offset)
    {
        var (ax, ay) = line[segment];
        var (bx, by) = line[segment + 1];
        var (dx, dy) = (bx - ax, by - ay);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return Point((ax + bx) / 2 - dy / length * offset, (ay + by) / 2 + dx / length * offset);
    }

    /// <summary>Village names (the committee's name without 委会) of villages in the excerpt, with their township codes.</summary>
    public static IReadOnlyList<(string Name, string Township)> Villages() =>
        File.ReadLines(Path.Combine(DataDirectory, "villages-excerpt.csv")).Skip(1)
            .Select(line => CsvLine.Fields(line)!)
            .Where(row => row[1].EndsWith("村委会", StringComparison.Ordinal))
            .Select(row => (row[1][..^2], row[2]))
            .ToList();

    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>The shipped prefecture outlines (silo ReferenceData/geometry, cn-atlas 2023) by 6-digit code.</summary>
    private static readonly Lazy<IReadOnlyList<(string Code, NetTopologySuite.Geometries.Geometry Outline)>> prefectures = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Registry.Hosting.Spatial.GeometrySeeder.DefaultDirectory, "prefectures.geojson")))!["features"]!
            .AsArray().Select(f => ((string)f!["properties"]!["区划码"]!,
                Registry.Abstractions.Spatial.GeoJson.ReadGeometry(JsonDocument.Parse(f["geometry"]!.ToJsonString()).RootElement)))
            .ToList());

    /// <summary>The prefecture (6-digit code) whose shipped outline holds the point, or null.</summary>
    public static string? PrefectureAt(double lon, double lat)
    {
        var point = Registry.Abstractions.Spatial.Wgs84.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat));
        return prefectures.Value.FirstOrDefault(p => p.Outline.Covers(point)).Code;
    }

    /// <summary>A point inside the shipped outline of the prefecture holding <paramref name="division"/> (by its first
    /// four digits): the outline's interior point, computed from the real geometry; null when none is shipped.</summary>
    public static JsonObject? InsidePrefectureOf(string division) =>
        prefectures.Value.FirstOrDefault(p => p.Code[..4] == division[..4]).Outline?.InteriorPoint is { } inside
            ? Point(inside.X, inside.Y)
            : null;

    /// <summary>The n-th Chinese GeoNames point of the excerpt that lies in a prefecture whose townships the table can
    /// spell, with a township of that prefecture (the k-th in code order): a real point inside the division's nearest
    /// ancestor with geometry.</summary>
    public static (JsonObject Point, (string Code, string Name, string County) Township, string Prefecture) TownshipAround(int n, int k = 0)
    {
        var found = Enumerable.Range(0, 150).Select(i => (i, PrefectureAt(ChineseCoordinates(i).Lon, ChineseCoordinates(i).Lat)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.i, Prefecture: p.Item2!, Townships: townships.Value.Where(t => t.Code.StartsWith(p.Item2![..4], StringComparison.Ordinal)).ToList()))
            .Where(p => p.Townships.Count > k)
            .Skip(n).First();
        return (ChinesePoint(found.i), found.Townships[k], found.Prefecture);
    }
}
