using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;

namespace Registry.Api.Tests.Spatial;

/// <summary>The API as a real process: spatial durability across SIGKILL, and GDAL's OAPIF driver reading /ogc.</summary>
public sealed class SpatialProcessTests
{
    [Fact]
    public async Task RealProcess_AfterSigkill_ServesTheAcknowledgedGeometry_AndGdalReadsTheOgcApi()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-spatial-" + Guid.NewGuid().ToString("N"));
        var county = SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .Where(c => new IsValidOp(c.Geometry!).IsValid).Skip(300).First();
        var key = "us-fips:" + county.Feature.Id;
        var point = ShippedGeometry.InteriorPoint(county.Geometry!);
        var query = FormattableString.Invariant($"/api/spatial/divisions?lon={point.X}&lat={point.Y}");
        try
        {
            await using (var first = await ApiProcess.StartAsync(directory))
            {
                var response = await first.Client("registrar.boundaries").PutAsJsonAsync(
                    $"/api/boundaries/divisions/{key}/geometry", new
                    {
                        geometry = JsonSerializer.SerializeToElement(county.Geometry, GeoJson.Options),
                        reason = "sigkill test",
                        name = county.Feature.Text("name"),
                        level = "county",
                    });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);

                await first.KillAsync();
            }

            await using var second = await ApiProcess.StartAsync(directory);
            var found = JsonDocument.Parse(await second.Client().GetStringAsync(query)).RootElement;
            Assert.Contains(found.GetProperty("divisions").EnumerateArray(), d => d.GetProperty("code").GetString() == key);

            var info = await Gdal.OgrInfoAsync("-ro", "-al", "-so", $"OAPIF:{second.Address}ogc");
            var counts = Regex.Matches(info, @"Layer name: (\S+)[\s\S]*?Feature Count: (\d+)")
                .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
            Assert.Equal(["divisions", "boundary-lines", "place-names"], counts.Keys);
            var matched = JsonDocument.Parse(await second.Client()
                .GetStringAsync("/ogc/collections/divisions/items?limit=1")).RootElement.GetProperty("numberMatched").GetInt32();
            var seeded = ShippedGeometry.Seeded(ShippedGeometry.Provinces.Concat(ShippedGeometry.Prefectures)).Count();
            Assert.Equal(seeded + 1, matched);
            Assert.Equal(matched, counts["divisions"]);
            Assert.Equal(0, counts["place-names"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
