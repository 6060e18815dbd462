using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Runtime;
using Registry.Abstractions.Places;
using Registry.Grains;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Api.Tests.Places;

/// <summary>
/// A data directory written by the previous layout, where a street's record held all its house numbers: the numbers
/// are not lost but move into their blocks when the street is next activated.
/// </summary>
public sealed class HouseNumberLayoutMigrationTests
{
    // The street is a prefecture boundary line under a township picked by name, as in the place API's tests: no
    // outlines are seeded, so the location rule accepts it (see PlaceApiFixture).
    private static readonly Dictionary<string, string> NoOutlines = new() { ["Registry:Seed:Geometry"] = "false" };

    [Fact]
    public async Task HouseNumbers_StoredInTheStreetsRecord_MoveIntoTheirBlocks_AndNumberingGoesOn()
    {
        var directory = Directory.CreateTempSubdirectory("registry-house-layout-").FullName;
        try
        {
            string id;
            IReadOnlyList<(double Lon, double Lat)> line = PlaceTestData.Line(1);
            List<string> certificates;
            await using (var first = new RegistryApiFactory(directory, NoOutlines))
            {
                var api = new PlaceNameClient(first);
                var office = PlaceTestData.TownshipWhere(name => name.EndsWith("路街道", StringComparison.Ordinal), 9);
                var street = await api.ProposedAsync(office.Name[..^2], "street", office.Code,
                    PlaceTestData.LineString(line));
                id = street.GetProperty("id").GetString()!;
                await api.ApprovedAsync(id);
                certificates = [];
                foreach (var (number, at) in new[] { ("12", 1), ("14", 2) })
                {
                    var plate = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(
                        $"/api/place-names/{id}/house-numbers",
                        new { number, location = PlaceTestData.Beside(line, at, -0.0003) }), HttpStatusCode.Created);
                    certificates.Add(plate.GetProperty("certificateNumber").GetString()!);
                }
            }

            // Rewrite the file as the previous layout stored it: the plates (without key and label, which it did not
            // have) in the street's record, no block.
            using (var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db")))
            {
                var streetKey = new GrainStateKey(StorageNames.PlaceName,
                    GrainId.Create(StorageNames.PlaceNameGrainType, id).ToString());
                var blockKey = new GrainStateKey(StorageNames.HouseNumberBlock,
                    GrainId.Create(StorageNames.HouseNumberBlock, HouseNumber.BlockKey(id, 0)).ToString());
                var block = (await store.ReadAsync(blockKey))!;
                var plates = new JsonArray(JsonNode.Parse(block.StateJson)!["plates"]!.AsArray()
                    .Select(entry =>
                    {
                        var plate = entry!["plate"]!.DeepClone().AsObject();
                        plate.Remove("key");
                        plate.Remove("label");
                        return (JsonNode)plate;
                    }).ToArray());
                Assert.Equal(2, plates.Count);
                var street = (await store.ReadAsync(streetKey))!;
                var record = JsonNode.Parse(street.StateJson)!.AsObject();
                record["houseNumbers"] = plates;
                record["houseNumberBlocks"] = 0;
                await store.WriteAsync(streetKey, street.ETag, record.ToJsonString());
                await store.ClearAsync(blockKey, block.ETag);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var second = new RegistryApiFactory(directory, NoOutlines);
            var again = new PlaceNameClient(second);
            var listed = await PlaceNameClient.OkAsync(await again.Registrar.GetAsync($"/api/place-names/{id}/house-numbers"));
            Assert.Equal(["12", "14"], listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
            Assert.Equal(["12号", "14号"], listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
            Assert.Equal(certificates, listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("certificateNumber").GetString()!));

            // The moved numbers take part in the rules: 14 again is a duplicate, 16 beyond it is issued.
            await Problems.AssertProblemAsync(await again.Registrar.PostAsJsonAsync($"/api/place-names/{id}/house-numbers",
                new { number = "14", location = PlaceTestData.Beside(line, 2, -0.0004) }), HttpStatusCode.Conflict,
                "house-number-duplicate");
            await PlaceNameClient.OkAsync(await again.Registrar.PostAsJsonAsync($"/api/place-names/{id}/house-numbers",
                new { number = "16", location = PlaceTestData.Beside(line, 3, -0.0003) }), HttpStatusCode.Created);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
