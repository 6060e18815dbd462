using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Tests;
using Registry.Abstractions.Spatial;
using Registry.Hosting;
using Registry.Hosting.Configuration;
using Registry.Abstractions.Places;
using Registry.Grains.Divisions;
using Registry.Grains.Places;
using Registry.Grains.Storage;
using Registry.Grains.Tests.Organizations;
using Registry.Hosting.Divisions;
using Registry.Hosting.Places;
using Registry.Hosting.Publishing;
using Registry.Storage;
using Registry.Storage.AzureTable;
using Registry.Storage.Tests.Servers;

namespace Registry.Grains.Tests.Hosting;

/// <summary>
/// A registry silo on Azure Table storage (the official provider, on Azurite), started as a deployment's first start:
/// the seeding it does there, the outbox that catches up a process that died between a record's write and its
/// publication (the silo here neither publishes after its writes, <c>Registry:Testing:PublishInline=false</c>, nor
/// runs its relay), and the division directory kept in its own stored parts.
/// </summary>
public sealed class AzureTableSiloTests(AzureTableSiloTests.Fixture fixture)
    : IClassFixture<AzureTableSiloTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The relay of another process, over the same tables, publishes the record once the row's writer lease
    /// has run out; the read model (a spatial tile) has the record only then.</summary>
    [Fact]
    public async Task RelayOfAnotherProcess_RecordWrittenWithoutPublication_ReachesItsTileAfterTheWritersLease()
    {
        var county = OutboxTestCounty.Pick(60);
        var (key, point) = (county.Key, county.Inside);
        var tile = fixture.Grains.GetGrain<ISpatialTileGrain>(county.TileKey);
        var today = DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime);
        var (otherProcess, relay) = fixture.OtherProcessRelay();

        await fixture.Grains.GetGrain<IDivisionGeometryGrain>(key).SetAsync(county.Command);
        var unpublished = await tile.QueryPointAsync(point.X, point.Y, today);
        Assert.True(await relay.PublishPendingAsync(Ct));
        var withinLease = await tile.QueryPointAsync(point.X, point.Y, today);
        fixture.Time.Advance(AzureTableOutbox.WriterLease + TimeSpan.FromSeconds(1));
        Assert.True(await relay.PublishPendingAsync(Ct));

        Assert.DoesNotContain(unpublished, h => h.RecordKey == key);
        Assert.DoesNotContain(withinLease, h => h.RecordKey == key);
        Assert.Contains(await tile.QueryPointAsync(point.X, point.Y, today), h => h.RecordKey == key);
        Assert.Empty(await otherProcess.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// The silo started on Azure Table storage with the default seeding, as a first start of an Azure deployment: the
    /// shipped division editions written through the provider by key (no store of the Registry's own to insert them),
    /// and the map outlines set through their grains (which publish them to the tiles through the outbox).
    /// </summary>
    [Fact]
    public async Task FirstStart_DefaultSeeding_RecordsTheDivisionsAndTheirOutlines()
    {
        var asOf = new DateOnly(2025, 1, 1);

        var county = await fixture.Grains.GetGrain<IDivisionGrain>("110101").GetAsync(asOf);
        var outline = await fixture.Grains.GetGrain<IDivisionGeometryGrain>("110000").ExistsAsync();

        Assert.Equal("东城区", county.Name);
        Assert.True(outline);
    }

    /// <summary>
    /// The division directory on Azure Table: the parts the seeder wrote by key answer the province list and a name
    /// search, and a rename written without its publication (the process died after the write) reaches the directory
    /// through the outbox of another process once the writer's lease has run out.
    /// </summary>
    [Fact]
    public async Task DivisionDirectory_SeededPartsAndAnUnpublishedRename_AnswerAfterTheRelay()
    {
        var directory = fixture.Grains.GetGrain<IDivisionDirectoryGrain>("cn");
        var code = "110105";
        var name = (await fixture.Grains.GetGrain<IDivisionGrain>(code).GetAsync(DateOnly.MaxValue)).Name;
        var renamed = name + "新城";
        var today = DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime);
        var (_, relay) = fixture.OtherProcessRelay();
        var provinces = await directory.GetProvinceCodesAsync();
        var found = await directory.SearchAsync(name, 5);

        await fixture.Grains.GetGrain<IDivisionChangeGrain>("rename-" + Guid.NewGuid().ToString("N")).RecordAsync(
            new DivisionChange(DivisionChangeKind.Rename, today, "批复 (test)", code, renamed, null, null, [], [], []));
        var unpublished = await directory.SearchAsync(renamed, 5);
        fixture.Time.Advance(AzureTableOutbox.WriterLease + TimeSpan.FromSeconds(1));
        Assert.True(await relay.PublishPendingAsync(Ct));

        Assert.Equal(ShippedEditions.All()
            .SelectMany(e => DivisionEdition.Read(e.CutOff, e.Directory).Rows)
            .Where(row => row.Value.Level == DivisionLevel.Province).Select(row => row.Key)
            .Distinct().Order(StringComparer.Ordinal), provinces);
        Assert.Contains(found, m => m.Code == code && m.Exact);
        Assert.DoesNotContain(unpublished, m => m.Code == code);
        Assert.Contains(await directory.SearchAsync(renamed, 5), m => m.Code == code && m.Exact);
    }

    /// <summary>
    /// The organization index rebuilt from the records on Azure Table, whose provider answers states by key: an
    /// organization registered while its publication was lost (the process died after the write; no relay ran) is
    /// not found, and is after the rebuild, which lists every organization record in the provider's table.
    /// </summary>
    [Fact]
    public async Task OrganizationIndexRebuild_RecordWrittenWithoutPublication_FindsItFromTheProvidersTable()
    {
        var command = Registration.Valid(name: $"重建{TestCodes.NextSerial()}服务中心");
        var query = new OrganizationQuery(command.Name, null, null, null, null, 0, 10);
        var search = fixture.Grains.GetGrain<IOrganizationSearchGrain>(0);
        // Every index partition is loaded before the write, so none finds the record by reading storage at its start.
        var before = (await search.SearchAsync(query)).Total;

        await fixture.Grains.GetGrain<IOrganizationGrain>(command.Uscc).RegisterAsync(command);
        var unpublished = (await search.SearchAsync(query)).Total;
        var entries = await search.RebuildAsync();

        Assert.Equal((0, 0), (before, unpublished));
        Assert.True(entries >= 1);
        Assert.Equal(command.Uscc, Assert.Single((await search.SearchAsync(query)).Items).Uscc);
    }

    /// <summary>
    /// A partition's states by grain-id prefix in one query of the provider's table: each with the ETag and state a
    /// read by key gives, none beyond the prefix; null (the caller reads by key) where a key could stand for a
    /// character the provider replaced.
    /// </summary>
    [Fact]
    public async Task StoredRecords_ByPrefix_AreWhatReadsByKeyGive()
    {
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var records = services.GetRequiredService<IStoredRecords>();
        var storage = services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(StorageNames.Provider);
        var type = "test-piece-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var (key, code) in new[] { ("7.0", "110101"), ("7.1", "110102"), ("70.0", "110105") })
        {
            await storage.WriteStateAsync("test-piece", GrainId.Create(type, key),
                new GrainState<DivisionState>(new DivisionState { Code = code }));
        }

        var listed = await records.ReadPrefixAsync<DivisionState>("test-piece", $"{type}/7.", Ct);
        var byKey = new List<(string, string?, string)>();
        foreach (var key in new[] { "7.0", "7.1" })
        {
            var read = new GrainState<DivisionState>();
            await storage.ReadStateAsync("test-piece", GrainId.Create(type, key), read);
            byKey.Add(($"{type}/{key}", read.ETag, read.State!.Code));
        }

        await storage.WriteStateAsync("test-piece", GrainId.Create(type, "7.a_b"),
            new GrainState<DivisionState>(new DivisionState { Code = "110108" }));

        Assert.Equal(byKey, listed!.Select(s => (s.GrainId, (string?)s.ETag, s.State.Code)));
        Assert.Null(await records.ReadPrefixAsync<DivisionState>("test-piece", $"{type}/7.", Ct));
        Assert.Null(await records.ReadPrefixAsync<DivisionState>("test-piece", $"{type}/7#", Ct));
    }

    /// <summary>
    /// The township stock on Azure Table: the names of one county's townships from the shipped list, stored by key
    /// through the provider past their grains, with the index's checkpoints forgotten (listed in the provider's
    /// table), so that each partition builds from the records at its next start; a loaded partition is not told and
    /// finds them after a rebuild. The marker is written at once: the next seed reads nothing.
    /// </summary>
    [Fact]
    public async Task PlaceNameStock_StoredByKey_ForgetsTheIndexCheckpointsAndIsFoundFromTheRecords()
    {
        const string county = "110101";
        var lists = OneCountysLists(county);
        try
        {
            var services = fixture.Cluster.Silos[0].ServiceProvider;
            var stock = ActivatorUtilities.CreateInstance<PlaceNameStock>(services);
            var records = services.GetRequiredService<IStoredRecords>();
            var (code, name) = DivisionReferenceData.ReadRows(lists, "divisions-2023-streets.csv")
                .Select(row => (row[0], row[1])).First();
            var search = fixture.Grains.GetGrain<IPlaceNameSearchGrain>(0);
            var query = new PlaceNameQuery(name, null, null, county, null, null, false, false, null, 0, 20);
            // The index loaded first, so that its partitions hold checkpoints.
            await search.SearchAsync(query);
            var checkpoints = await CheckpointsAsync(records);

            var report = await stock.SeedTownshipsAsync(lists, Ct);
            var forgotten = await CheckpointsAsync(records);
            var loaded = await search.SearchAsync(query);
            await search.RebuildAsync(fixture.Time.GetUtcNow());
            var rebuilt = await search.SearchAsync(query);
            var again = await stock.SeedTownshipsAsync(lists, Ct);
            // The duplicate rule (a township's name unique within its county) holds for the stock on Azure too: its
            // characters' claim in the county's scope is held by the listed name.
            var holder = await fixture.Grains.GetGrain<IPlaceNameClaimGrain>(CharacterClaimKey(lists, code, name))
                .HolderAsync("a-new-proposal");

            Assert.Equal(PlaceNameIndex.PartitionCount, checkpoints);
            Assert.Equal(0, forgotten);
            Assert.Equal(report!.Rows, report.Recorded);
            Assert.DoesNotContain(loaded.Items, hit => hit.Entry.Id == PlaceName.StockId(code));
            Assert.Contains(rebuilt.Items, hit => hit.Entry.Id == PlaceName.StockId(code) && hit.Entry.Name == name);
            Assert.Null(again);
            Assert.Equal(PlaceName.StockId(code), holder?.Id);
        }
        finally
        {
            Directory.Delete(lists, recursive: true);
        }
    }

    private static async Task<int> CheckpointsAsync(IStoredRecords records) =>
        (await records.ReadPrefixAsync<System.Text.Json.JsonElement>(StorageNames.PlaceNameIndex,
            StorageNames.PlaceNameIndexGrainType + "/", Ct))!.Count;

    /// <summary>The claim key of a township's characters in its duplicate scope, its lineage read from the lists.
    /// </summary>
    private static string CharacterClaimKey(string lists, string code, string name)
    {
        var divisions = DivisionReferenceData.Load(lists).ToDictionary(d => d.Code, StringComparer.Ordinal);
        var lineage = new List<DivisionSummary>();
        for (var at = code; at is not null && divisions.TryGetValue(at, out var division); at = division.ParentCode)
        {
            lineage.Add(new DivisionSummary(division.Code, division.Name, division.Level, DivisionStatus.InForce,
                division.ParentCode));
        }

        const PlaceCategory category = PlaceCategory.AdministrativeDivision;
        return DuplicateScope.ClaimKeys(DuplicateScope.Of(category, lineage), category, name, "")[0];
    }

    /// <summary>The shipped 2023 lists with the streets file cut to one county's rows (the others whole).</summary>
    private static string OneCountysLists(string county)
    {
        var lists = Directory.CreateDirectory(
            Path.Combine(Path.GetTempPath(), "registry-stock-" + Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in new[] { "provinces", "cities", "areas" })
        {
            File.Copy(Path.Combine(DivisionReferenceData.DefaultDirectory, $"divisions-2023-{file}.csv"),
                Path.Combine(lists, $"divisions-2023-{file}.csv"));
        }

        var streets = File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, "divisions-2023-streets.csv"))
            .ToList();
        File.WriteAllLines(Path.Combine(lists, "divisions-2023-streets.csv"),
            streets.Take(1).Concat(streets.Skip(1).Where(line => line.StartsWith(county, StringComparison.Ordinal))));
        return lists;
    }

    /// <summary>One silo on the official Azure Table provider over Azurite with the default seeding, publishing
    /// nothing itself.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly string directory =
            Path.Combine(Path.GetTempPath(), "registry-azure-outbox-" + Guid.NewGuid().ToString("N"));

        public AzuriteServer Azurite { get; } = new();

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

        public RegistryOptions Options { get; private set; } = null!;

        public InProcessTestCluster Cluster { get; private set; } = null!;

        public IGrainFactory Grains => Cluster.Client;

        /// <summary>The relay of a process started after the one that wrote: an outbox of its own over the same
        /// table.</summary>
        public (AzureTableOutbox Outbox, OutboxRelay Relay) OtherProcessRelay()
        {
            var outbox = new AzureTableOutbox(new TableServiceClient(Azurite.ConnectionString),
                Options.Storage.OutboxTableName, Time);
            return (outbox, ActivatorUtilities.CreateInstance<OutboxRelay>(Cluster.Silos[0].ServiceProvider,
                (IOutboxStore)outbox));
        }

        public async ValueTask InitializeAsync()
        {
            await Azurite.InitializeAsync();
            Options = RegistryOptions.From(new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Registry:DataDirectory"] = directory,
                    ["Registry:Storage:Provider"] = "AzureTable",
                    ["ConnectionStrings:registry"] = Azurite.ConnectionString,
                    ["Registry:Testing:PublishInline"] = "false",
                    // The whole township stock is seeded in a test of its own, with one county's names.
                    ["Registry:Seed:PlaceNames"] = "false",
                    ["Registry:Testing:RelayOutbox"] = "false",
                }).Build());
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) =>
            {
                silo.Services.AddSingleton<TimeProvider>(Time);
                silo.AddRegistryRuntime(Options);
            });
            Cluster = builder.Build();
            await Cluster.DeployAsync();
            Assert.Null(Cluster.Silos[0].ServiceProvider.GetService<OutboxRelay>());
        }

        public async ValueTask DisposeAsync()
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
            await Azurite.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
