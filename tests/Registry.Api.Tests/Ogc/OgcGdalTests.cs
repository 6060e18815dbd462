using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Ogc;

/// <summary>GDAL's OAPIF driver as a real client of a real API process: ogrinfo's feature counts and ogr2ogr's copies
/// (whole, with -where and with -spat) against the registry's own answers.</summary>
public sealed class OgcGdalTests
{
    [Fact]
    public async Task Gdal_ReadsEachCollection_CountsAndGeometriesAsTheRegistryAnswers()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-ogc-gdal-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = await ApiProcess.StartAsync(directory, TimeSpan.FromMinutes(5));
            var source = $"OAPIF:{api.Address}ogc";
            var client = api.Client();

            var info = await Gdal.OgrInfoAsync("-ro", "-al", "-so", source);
            var counts = Regex.Matches(info, @"Layer name: (\S+)[\s\S]*?Feature Count: (\d+)")
                .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.Equal(["divisions", "boundary-lines", "place-names"], counts.Keys);
            foreach (var (layer, count) in counts)
            {
                Assert.Equal((await RegistryAsync(client, $"/ogc/collections/{layer}/items?limit=1000")).Count, count);
            }

            var all = await RegistryAsync(client, "/ogc/collections/divisions/items?limit=1000");
            Assert.True(all.Count > 300, $"only {all.Count} divisions");
            var copied = await CopyAsync(directory, source, "all");
            Assert.Equal(all.Keys.Order(StringComparer.Ordinal), copied.Keys.Order(StringComparer.Ordinal));
            Assert.All(all, f => AssertSameGeometry(f.Value, copied[f.Key], f.Key));

            var provinces = await RegistryAsync(client,
                $"/ogc/collections/divisions/items?limit=1000&filter={Uri.EscapeDataString("level = 'province'")}");
            var where = await CopyAsync(directory, source, "where", "-where", "level = 'province'");
            Assert.True(provinces.Count >= 30, $"only {provinces.Count} provinces");
            Assert.Equal(provinces.Keys.Order(StringComparer.Ordinal), where.Keys.Order(StringComparer.Ordinal));
            Assert.All(provinces, f => AssertSameGeometry(f.Value, where[f.Key], f.Key));

            var box = all.Values.Skip(all.Count / 2).First().EnvelopeInternal;
            var spat = string.Create(CultureInfo.InvariantCulture,
                $"{box.MinX:R},{box.MinY:R},{box.MaxX:R},{box.MaxY:R}").Split(',');
            var inBox = await RegistryAsync(client, $"/ogc/collections/divisions/items?limit=1000&bbox={string.Join(',', spat)}");
            var spatial = await CopyAsync(directory, source, "spat", ["-spat", .. spat]);
            Assert.True(inBox.Count >= 2, $"only {inBox.Count} divisions in the box");
            Assert.Equal(inBox.Keys.Order(StringComparer.Ordinal), spatial.Keys.Order(StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The registry's own answer: each feature's code (id) and geometry, following next links.</summary>
    private static async Task<Dictionary<string, Geometry>> RegistryAsync(HttpClient client, string url)
    {
        var features = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        string? next = url;
        while (next is not null)
        {
            var page = JsonDocument.Parse(await client.GetStringAsync(next)).RootElement;
            foreach (var feature in page.GetProperty("features").EnumerateArray())
            {
                features.Add(feature.GetProperty("id").GetString()!, GeoJson.ReadGeometry(feature.GetProperty("geometry")));
            }

            next = page.GetProperty("links").EnumerateArray()
                .Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }

        return features;
    }

    /// <summary>ogr2ogr's copy of the divisions layer as GeoJSON, by each feature's code.</summary>
    private static async Task<Dictionary<string, Geometry>> CopyAsync(string directory, string source, string name,
        params string[] options)
    {
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, name + ".geojson");
        await Gdal.Ogr2OgrAsync(["-f", "GeoJSON", output, source, "divisions", .. options]);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        return document.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("properties").GetProperty("code").GetString()!,
            f => GeoJson.ReadGeometry(f.GetProperty("geometry")), StringComparer.Ordinal);
    }

    /// <summary>The same polygons with the same vertices (GDAL writes 15 significant digits), a single polygon and
    /// a multipolygon of one being the same.</summary>
    private static void AssertSameGeometry(Geometry expected, Geometry actual, string code)
    {
        Assert.True(expected.NumGeometries == actual.NumGeometries, $"{code}: {expected.NumGeometries} parts, " +
                                                                    $"GDAL {actual.NumGeometries}");
        for (var i = 0; i < expected.NumGeometries; i++)
        {
            Assert.True(expected.GetGeometryN(i).EqualsExact(actual.GetGeometryN(i), 1e-9), $"{code}: part {i} differs");
        }
    }
}
