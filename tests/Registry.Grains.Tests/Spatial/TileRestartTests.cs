using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Grains.Boundaries;
using Registry.Grains.Spatial;
using Registry.Grains.Tests.Organizations;
using Registry.Hosting.Publishing;
using Registry.Storage;

namespace Registry.Grains.Tests.Spatial;

/// <summary>
/// A tile starts from its own stored entries: after a restart it answers without activating a single record, and a
/// tile stored by the earlier layout (only its records' keys) is moved into stored entries once. Runs on the
/// organization tests' silo because that one can be restarted on its database.
/// </summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class TileRestartTests(OrganizationClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Lazy<IReadOnlyList<(string Key, string Name, Geometry Geometry)>> Counties = new(() =>
        SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .Where(c => c.Geometry is Polygon { NumPoints: > 30 } && new IsValidOp(c.Geometry).IsValid)
            .Select(c => ("us-fips:" + c.Feature.Id, c.Feature.Text("name")!, c.Geometry!))
            .ToList());

    [Fact]
    public async Task Tile_AfterARestart_AnswersFromItsStoredEntries_WithoutActivatingAnyRecord()
    {
        var (key, point) = await StoreCountyAsync(Counties.Value[61]);
        var before = await QueryAsync(point);
        var activeBefore = await ActiveGeometryRecordsAsync();
        await DrainOutboxAsync();

        await fixture.RestartAsync();
        var after = await QueryAsync(point);

        Assert.Contains(before, h => h.RecordKey == key);
        Assert.True(activeBefore > 0, "the statistics see geometry records while they are active");
        Assert.Equal(before.Select(h => h.RecordKey).Order(), after.Select(h => h.RecordKey).Order());
        Assert.Equal(0, await ActiveGeometryRecordsAsync());
    }

    [Fact]
    public async Task Tile_StoredByTheEarlierLayout_AsksItsRecordsOnce_ThenStartsFromItsEntries()
    {
        var (key, point) = await StoreCountyAsync(Counties.Value[67]);
        var tile = SpatialTiling.TileOf(SpatialLayer.Divisions, point.X, point.Y).Key;
        var expected = (await QueryAsync(point)).Select(h => h.RecordKey).Order().ToList();
        await DrainOutboxAsync();

        // What a data directory of the earlier build holds: the tile's member keys and no stored entries.
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        var members = new List<string>();
        for (var piece = 0; piece < SpatialTileGrain.PieceCount; piece++)
        {
            var pieceKey = new GrainStateKey(StorageNames.SpatialTilePiece,
                GrainId.Create(StorageNames.SpatialTilePiece, $"{tile}.{piece}").ToString());
            if (await store.ReadAsync(pieceKey, Ct) is { } stored)
            {
                members.AddRange(JsonSerializer.Deserialize<Registry.Grains.Indexing.IndexPieceState<StoredTilePart>>(stored.StateJson,
                    RegistryJson.StateOptions)!.Entries.Where(e => e.Value.Entries.Count > 0).Select(e => e.Key));
                await store.ClearAsync(pieceKey, stored.ETag, Ct);
            }
        }

        var legacyKey = new GrainStateKey(StorageNames.SpatialTile,
            GrainId.Create(StorageNames.SpatialTile, tile).ToString());
        var legacy = await store.ReadAsync(legacyKey, Ct);
        await store.WriteAsync(legacyKey, legacy?.ETag, JsonSerializer.Serialize(
            new SpatialTileState { Members = members.Order(StringComparer.Ordinal).ToList() },
            RegistryJson.StateOptions), Ct);

        await fixture.RestartAsync();
        var moved = (await QueryAsync(point)).Select(h => h.RecordKey).Order().ToList();
        var askedOnMove = await ActiveGeometryRecordsAsync();
        await fixture.RestartAsync();
        var afterMove = (await QueryAsync(point)).Select(h => h.RecordKey).Order().ToList();

        Assert.Contains(key, members);
        Assert.Equal(expected, moved);
        Assert.True(askedOnMove >= members.Count(m => m.StartsWith("us-fips:", StringComparison.Ordinal)));
        Assert.Equal(expected, afterMove);
        Assert.Equal(0, await ActiveGeometryRecordsAsync());
        var emptied = JsonSerializer.Deserialize<SpatialTileState>(
            (await fixture.SiloServices.GetRequiredService<IGrainStateStore>().ReadAsync(legacyKey, Ct))!.StateJson,
            RegistryJson.StateOptions)!;
        Assert.Empty(emptied.Members);
    }

    private async Task<(string Key, Point Point)> StoreCountyAsync((string Key, string Name, Geometry Geometry) county)
    {
        await fixture.Grains.GetGrain<IDivisionGeometryGrain>(county.Key).SetAsync(new SetDivisionGeometry(
            GeometryWkb.From(county.Geometry), null, "restart test", county.Name, DivisionLevel.County, "us-atlas"));
        return (county.Key, county.Geometry.InteriorPoint);
    }

    private Task<IReadOnlyList<SpatialHit>> QueryAsync(Point point) =>
        fixture.Grains.GetGrain<ISpatialTileGrain>(SpatialTiling.TileOf(SpatialLayer.Divisions, point.X, point.Y).Key)
            .QueryPointAsync(point.X, point.Y, fixture.Today);

    /// <summary>Publishes what the outbox still holds, so no record is activated by the relay after a restart.</summary>
    private async Task DrainOutboxAsync() =>
        Assert.True(await fixture.SiloServices.GetRequiredService<OutboxRelay>().PublishPendingAsync(Ct));

    /// <summary>Division geometry records active on the silo now.</summary>
    private async Task<int> ActiveGeometryRecordsAsync()
    {
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(DivisionGeometryGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
    }
}
