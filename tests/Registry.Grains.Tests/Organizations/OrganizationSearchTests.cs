using Registry.Abstractions.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Registry.Grains.Organizations;
using Orleans.Storage;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;
using Registry.Hosting.Organizations;
using Registry.Storage;

namespace Registry.Grains.Tests.Organizations;

[Collection(OrganizationClusterCollection.Name)]
public sealed class OrganizationSearchTests(OrganizationClusterFixture fixture)
{
    private IOrganizationGrain Organization(string uscc) => fixture.Grains.GetGrain<IOrganizationGrain>(uscc);

    private Task<OrganizationPage> SearchAsync(OrganizationQuery query) =>
        fixture.Grains.GetGrain<IOrganizationSearchGrain>(0).SearchAsync(query);

    private async Task<List<RegisterOrganization>> RegisterManyAsync(string token, int count)
    {
        var commands = Enumerable.Range(0, count)
            .Select(i => Registration.Valid(name: $"{token}服务中心{i:000}",
                kind: i % 3 == 0 ? OrganizationKind.Foundation : OrganizationKind.PrivateNonEnterprise))
            .ToList();
        foreach (var command in commands)
        {
            await Organization(command.Uscc).RegisterAsync(command);
        }

        return commands;
    }

    [Fact]
    public async Task SearchAsync_ReadingThePartitionsOfItsSilo_AnswersAsAskingEveryPartitionGrain()
    {
        var token = $"直读{TestCodes.NextSerial()}";
        var commands = await RegisterManyAsync(token, 40);

        foreach (var query in new[]
                 {
                     new OrganizationQuery(token, null, null, null, null, 0, 10),
                     new OrganizationQuery(token, null, null, null, null, 15, 10),
                     new OrganizationQuery(token, OrganizationKind.Foundation, null, OrganizationStatus.Active, null, 2, 5),
                     new OrganizationQuery(null, null, null, null, null, 0, 10, Uscc: commands[7].Uscc),
                 })
        {
            var perPartition = query with { Skip = 0, Take = query.Skip + query.Take };
            var pages = await Task.WhenAll(Enumerable.Range(0, OrganizationIndex.PartitionCount)
                .Select(p => fixture.Grains.GetGrain<IOrganizationIndexGrain>(p).SearchAsync(perPartition)));
            var asked = OrganizationIndex.Merge(pages, query);

            var page = await SearchAsync(query);

            Assert.True(asked.Total > 0);
            Assert.Equal(asked.Total, page.Total);
            Assert.Equal(asked.Items.Select(e => e.Uscc), page.Items.Select(e => e.Uscc));
        }
    }

    [Fact]
    public async Task ConcurrentRegistrations_ShareThePartitionsBatches_EachSearchableWhenItsCallReturns_AndTheNewestRevisionCounts()
    {
        var token = $"批量{TestCodes.NextSerial()}";
        var commands = Enumerable.Range(0, 48).Select(i => Registration.Valid(name: $"{token}服务中心{i:000}")).ToList();
        OrganizationQuery ByCode(string uscc) => new(null, null, null, null, null, 0, 10, Uscc: uscc);

        // All at once: their entries travel in the partitions' batches, and each call returns once its entry is stored.
        var foundOnReturn = await Task.WhenAll(commands.Select(async command =>
        {
            await Organization(command.Uscc).RegisterAsync(command);
            return (await SearchAsync(ByCode(command.Uscc))).Total;
        }));

        Assert.All(foundOnReturn, total => Assert.Equal(1, total));
        Assert.Equal(commands.Count, (await SearchAsync(new OrganizationQuery(token, null, null, null, null, 0, 100))).Total);

        // In one batch the newest revision of a code counts whatever the order; late deliveries change nothing.
        var stored = Assert.Single((await SearchAsync(ByCode(commands[0].Uscc))).Items);
        var partition = fixture.Grains.GetGrain<IOrganizationIndexGrain>(OrganizationIndex.PartitionOf(stored.Uscc));
        var newer = stored with { Name = $"{token}更名中心", SearchName = OrganizationNames.Normalize($"{token}更名中心"), Revision = stored.Revision + 2 };
        var between = stored with { Name = $"{token}过渡中心", SearchName = OrganizationNames.Normalize($"{token}过渡中心"), Revision = stored.Revision + 1 };
        await partition.UpsertManyAsync([newer, between]);
        await partition.UpsertManyAsync([between, stored]);

        Assert.Equal(newer.Name, Assert.Single((await SearchAsync(ByCode(stored.Uscc))).Items).Name);
    }

    [Fact]
    public async Task SearchAsync_PagesByNameFragment_AreOrderedDisjointAndComplete()
    {
        var token = $"分页{TestCodes.NextSerial()}";
        var commands = await RegisterManyAsync(token, 45);

        var pages = new List<OrganizationPage>();
        for (var page = 0; page < 5; page++)
        {
            pages.Add(await SearchAsync(new OrganizationQuery(token, null, null, null, null, page * 10, 10)));
        }

        Assert.All(pages, page => Assert.Equal(45, page.Total));
        Assert.Equal([10, 10, 10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.Equal(commands.Select(c => c.Name).Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(e => e.Name));
    }

    [Fact]
    public async Task SearchAsync_FiltersByKindOfficeAndStatus_AndFollowsRenamesAndDeregistrations()
    {
        var token = $"筛选{TestCodes.NextSerial()}";
        var commands = await RegisterManyAsync(token, 6);
        var foundations = commands.Where(c => c.Kind == OrganizationKind.Foundation).Select(c => c.Uscc).Order().ToList();

        var byKind = await SearchAsync(new OrganizationQuery(token, OrganizationKind.Foundation, null, null, null, 0, 50));
        var byOffice = await SearchAsync(new OrganizationQuery(null, null, commands[1].RegisteringOffice, null, null, 0, 100));
        Assert.Equal(foundations, byKind.Items.Select(e => e.Uscc).Order());
        Assert.Contains(byOffice.Items, e => e.Uscc == commands[1].Uscc);
        Assert.All(byOffice.Items, e => Assert.Equal(commands[1].RegisteringOffice, e.RegisteringOffice));

        await Organization(commands[2].Uscc).ChangeAsync(new ChangeOrganization($"改名{TestCodes.NextSerial()}机构", null, null, null, "更名"));
        await Organization(commands[3].Uscc).DeregisterAsync(new DeregisterOrganization("注销"));

        var active = await SearchAsync(new OrganizationQuery(token, null, null, OrganizationStatus.Active, null, 0, 50));
        var deregistered = await SearchAsync(new OrganizationQuery(token, null, null, OrganizationStatus.Deregistered, null, 0, 50));
        Assert.Equal(4, active.Total);
        Assert.DoesNotContain(active.Items, e => e.Uscc == commands[2].Uscc || e.Uscc == commands[3].Uscc);
        Assert.Equal(commands[3].Uscc, Assert.Single(deregistered.Items).Uscc);
    }

    [Fact]
    public async Task Index_RebuiltFromStorage_AnswersAsBefore_AlsoAfterARestart()
    {
        var token = $"重建{TestCodes.NextSerial()}";
        await RegisterManyAsync(token, 12);
        var query = new OrganizationQuery(token, null, null, null, null, 0, 50);
        var before = await SearchAsync(query);

        var rebuilt = await Task.WhenAll(Enumerable.Range(0, OrganizationIndex.PartitionCount)
            .Select(p => fixture.Grains.GetGrain<IOrganizationIndexGrain>(p).RebuildAsync()));
        var afterRebuild = await SearchAsync(query);
        await fixture.RestartAsync();
        var afterRestart = await SearchAsync(query);

        Assert.True(rebuilt.Sum() >= 12);
        Assert.Equal(12, before.Total);
        Assert.Equal(before.Items, afterRebuild.Items, IndexEntryComparer.Instance);
        Assert.Equal(before.Items, afterRestart.Items, IndexEntryComparer.Instance);
    }

    [Fact]
    public async Task Index_AfterARestart_StartsFromItsOwnStoredEntries_WithoutReadingTheRecords()
    {
        var token = $"重启{TestCodes.NextSerial()}";
        var commands = await RegisterManyAsync(token, 12);
        var renamed = $"改名{TestCodes.NextSerial()}机构";
        await Organization(commands[0].Uscc).ChangeAsync(new ChangeOrganization(renamed, null, null, null, "更名"));
        var query = new OrganizationQuery(token, null, null, null, null, 0, 50);
        var before = await SearchAsync(query); // every partition is active, so each has its checkpoint

        await fixture.RestartAsync();
        var afterRestart = await SearchAsync(query);
        var byNewName = await SearchAsync(new OrganizationQuery(renamed, null, null, null, null, 0, 50));
        var byOffice = await SearchAsync(new OrganizationQuery(null, null, commands[5].RegisteringOffice[..2] + "0000",
            null, null, 0, 500));

        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.Organization));
        Assert.Equal(11, before.Total);
        Assert.Equal(before.Items, afterRestart.Items, IndexEntryComparer.Instance);
        Assert.Equal(commands[0].Uscc, Assert.Single(byNewName.Items).Uscc);
        Assert.Contains(byOffice.Items, e => e.Uscc == commands[5].Uscc);
    }

    [Fact]
    public async Task Index_AfterARestart_StartsFromItsStoredSnapshot_ReadingNoPieceAndNoRecord()
    {
        var token = $"快照{TestCodes.NextSerial()}";
        var commands = await RegisterManyAsync(token, 12);
        var query = new OrganizationQuery(token, null, null, null, null, 0, 50);
        var before = await SearchAsync(query); // every partition is active

        await fixture.RestartAsync(); // a graceful stop: each partition leaves a snapshot of everything it holds
        var afterRestart = await SearchAsync(query);
        var byCode = await SearchAsync(new OrganizationQuery(null, null, null, null, null, 0, 10, Uscc: commands[4].Uscc));

        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.Organization));
        Assert.Equal(0, fixture.StoredRecords.PrefixReadsOf(StorageNames.OrganizationIndexPiece));
        Assert.Equal(12, before.Total);
        Assert.Equal(before.Items, afterRestart.Items, IndexEntryComparer.Instance);
        Assert.Equal(commands[4].Uscc, Assert.Single(byCode.Items).Uscc);
        var partition = OrganizationIndex.PartitionOf(commands[4].Uscc);
        var (checkpoint, snapshot) = await StoredSnapshotAsync(partition);
        Assert.NotEqual(0, checkpoint.SnapshotGeneration);
        Assert.Equal(checkpoint.SnapshotGeneration, snapshot.Generation);
        Assert.Empty(checkpoint.ChangedPieces);
        var restored = new OrganizationPartition();
        Assert.True(OrganizationIndexSnapshot.TryRead(snapshot.Image, restored));
        Assert.Equal(snapshot.Entries, restored.Count);
        Assert.Contains(restored.All, e => e.Uscc == commands[4].Uscc);
    }

    [Fact]
    public async Task Index_AfterACrash_StartsFromItsSnapshot_AndReadsBackTheEntriesStoredSinceFromTheirPiecesOnly()
    {
        var token = $"断电{TestCodes.NextSerial()}";
        var commands = await RegisterManyAsync(token, 10);
        await fixture.RestartAsync(); // snapshots of the first ten
        var later = Enumerable.Range(0, 6)
            .Select(i => Registration.Valid(name: $"{token}后来中心{i:000}", kind: OrganizationKind.Foundation)).ToList();
        foreach (var command in later)
        {
            await Organization(command.Uscc).RegisterAsync(command);
        }

        var renamed = $"{token}改名机构";
        await Organization(commands[0].Uscc).ChangeAsync(new ChangeOrganization(renamed, null, null, null, "更名"));
        var query = new OrganizationQuery(token, null, null, null, null, 0, 50);
        var before = await SearchAsync(query);
        var changed = (await StoredSnapshotAsync(OrganizationIndex.PartitionOf(later[0].Uscc))).Checkpoint.ChangedPieces;

        await fixture.CrashAsync(); // no deactivation: no snapshot of what was stored since
        var afterCrash = await SearchAsync(query);
        var byNewName = await SearchAsync(new OrganizationQuery(renamed, null, null, null, null, 0, 50));

        Assert.Contains(OrganizationIndex.PieceOf(later[0].Uscc), changed);
        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.Organization));
        Assert.Equal(0, fixture.StoredRecords.PrefixReadsOf(StorageNames.OrganizationIndexPiece));
        Assert.Equal(16, before.Total);
        Assert.Equal(before.Items, afterCrash.Items, IndexEntryComparer.Instance);
        Assert.Equal(commands[0].Uscc, Assert.Single(byNewName.Items).Uscc);
    }

    [Fact]
    public async Task Index_AtTheSilosStart_LoadsEveryPartitionInTheBackground_BeforeAnySearch()
    {
        var token = $"预热{TestCodes.NextSerial()}";
        var commands = await RegisterManyAsync(token, 6);

        await fixture.CrashAsync();
        await fixture.SiloServices.GetRequiredService<OrganizationIndexWarmup>().Completion;

        // Loaded without a search or a write asking: every partition is readable in the silo, with its entries.
        var local = fixture.SiloServices.GetRequiredService<LocalOrganizationPartitions>();
        for (var partition = 0; partition < OrganizationIndex.PartitionCount; partition++)
        {
            Assert.True(local.TryGet(partition, out _), $"partition {partition} is not loaded");
        }

        Assert.True(local.TryGet(OrganizationIndex.PartitionOf(commands[2].Uscc), out var read));
        Assert.Equal(commands[2].Uscc,
            Assert.Single(read(new OrganizationQuery(null, null, null, null, null, 0, 10, Uscc: commands[2].Uscc)).Items).Uscc);
        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.Organization));
    }

    [Fact]
    public async Task Index_AfterAGracefulStop_LeavesASnapshotInUseForEveryPartitionThatHoldsEntries()
    {
        var token = $"每区{TestCodes.NextSerial()}";
        // Enough organizations that every partition holds some of them.
        var commands = new List<RegisterOrganization>();
        var covered = new HashSet<int>();
        for (var i = 0; covered.Count < OrganizationIndex.PartitionCount; i++)
        {
            var command = Registration.Valid(name: $"{token}服务中心{i:000}");
            await Organization(command.Uscc).RegisterAsync(command);
            commands.Add(command);
            covered.Add(OrganizationIndex.PartitionOf(command.Uscc));
        }

        await fixture.RestartAsync();

        for (var partition = 0; partition < OrganizationIndex.PartitionCount; partition++)
        {
            var (checkpoint, snapshot) = await StoredSnapshotAsync(partition);
            Assert.True(checkpoint.SnapshotGeneration != 0, $"partition {partition} has no snapshot in use");
            Assert.Equal(checkpoint.SnapshotGeneration, snapshot.Generation);
            Assert.Empty(checkpoint.ChangedPieces);
            var restored = new OrganizationPartition();
            Assert.True(OrganizationIndexSnapshot.TryRead(snapshot.Image, restored));
            Assert.Contains(restored.All, e => commands.Any(c => c.Uscc == e.Uscc));
        }
    }

    private async Task<(OrganizationIndexState Checkpoint, IndexSnapshotState Snapshot)> StoredSnapshotAsync(int partition)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var id = fixture.Grains.GetGrain<IOrganizationIndexGrain>(partition).GetGrainId();
        var checkpoint = new GrainState<OrganizationIndexState>(new OrganizationIndexState());
        await storage.ReadStateAsync(StorageNames.OrganizationIndex, id, checkpoint);
        var snapshot = new GrainState<IndexSnapshotState>(new IndexSnapshotState());
        await storage.ReadStateAsync(StorageNames.OrganizationIndexSnapshot, id, snapshot);
        return (checkpoint.State!, snapshot.State!);
    }

    [Fact]
    public async Task Index_WithoutStoredEntries_BuildsFromTheRecordsOnce_ThenNeverAgain()
    {
        var token = $"迁移{TestCodes.NextSerial()}";
        await RegisterManyAsync(token, 10);
        var query = new OrganizationQuery(token, null, null, null, null, 0, 50);
        var before = await SearchAsync(query);

        // A data directory written before the index stored itself: records, but no index state at all.
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        foreach (var stateName in new[] { StorageNames.OrganizationIndex, StorageNames.OrganizationIndexPiece })
        {
            await foreach (var key in store.ListKeysAsync(stateName))
            {
                var stored = await store.ReadAsync(key);
                await store.ClearAsync(key, stored!.ETag);
            }
        }

        await fixture.RestartAsync();
        var firstStart = await SearchAsync(query);
        var firstStartScans = fixture.StoredRecords.ScansOf(StorageNames.Organization);
        await fixture.RestartAsync();
        var secondStart = await SearchAsync(query);

        Assert.Equal(OrganizationIndex.PartitionCount, firstStartScans);
        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.Organization));
        Assert.Equal(10, before.Total);
        Assert.Equal(before.Items, firstStart.Items, IndexEntryComparer.Instance);
        Assert.Equal(before.Items, secondStart.Items, IndexEntryComparer.Instance);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(512)]
    public async Task Index_StoredInAnEarlierLayout_MovesItsOwnEntriesToTheCurrentOne_WithoutReadingTheRecords(int earlier)
    {
        var token = $"布局{TestCodes.NextSerial()}";
        await RegisterManyAsync(token, 12);
        var query = new OrganizationQuery(token, null, null, null, null, 0, 50);
        var before = await SearchAsync(query);

        // A data directory of an earlier layout (128 pieces from 2026-12-03, 512 from later that day): each partition's
        // entries in those pieces of the plain piece type, its checkpoint naming their count, nothing stored in the
        // current layout.
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var records = fixture.SiloServices.GetRequiredService<IStoredRecords>();
        StoredIndexPieces<OrganizationIndexEntry> Pieces(int partition, int count, string type) =>
            new(storage, StorageNames.OrganizationIndexPiece, type, partition, count,
                uscc => OrganizationIndex.PieceOf(uscc, count), records);
        for (var partition = 0; partition < OrganizationIndex.PartitionCount; partition++)
        {
            var current = Pieces(partition, OrganizationIndex.PieceCount,
                OrganizationIndex.PieceTypeOf(OrganizationIndex.PieceCount));
            await Pieces(partition, earlier, StorageNames.OrganizationIndexPiece)
                .ReplaceAllAsync(await current.LoadAsync());
            await current.ReplaceAllAsync([]);
            var checkpoint = new GrainState<OrganizationIndexState>();
            var id = fixture.Grains.GetGrain<IOrganizationIndexGrain>(partition).GetGrainId();
            await storage.ReadStateAsync(StorageNames.OrganizationIndex, id, checkpoint);
            checkpoint.State!.PieceCount = earlier;
            await storage.WriteStateAsync(StorageNames.OrganizationIndex, id, checkpoint);
        }

        await fixture.RestartAsync();
        var moved = await SearchAsync(query);
        var scansAtTheMove = fixture.StoredRecords.ScansOf(StorageNames.Organization);
        await fixture.RestartAsync();
        var nextStart = await SearchAsync(query);

        Assert.Equal(0, scansAtTheMove);
        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.Organization));
        for (var partition = 0; partition < OrganizationIndex.PartitionCount; partition++)
        {
            // The older layout's pieces are gone once moved.
            var prefix = GrainId.Create(StorageNames.OrganizationIndexPiece, $"{partition}.").ToString();
            Assert.Empty((await fixture.SiloServices.GetRequiredService<IStoredRecords>()
                .ReadPrefixAsync<IndexPieceState<OrganizationIndexEntry>>(
                StorageNames.OrganizationIndexPiece, prefix))!);
        }

        Assert.Equal(12, before.Total);
        Assert.Equal(before.Items, moved.Items, IndexEntryComparer.Instance);
        Assert.Equal(before.Items, nextStart.Items, IndexEntryComparer.Instance);
    }

    private sealed class IndexEntryComparer : IEqualityComparer<OrganizationIndexEntry>
    {
        public static readonly IndexEntryComparer Instance = new();

        public bool Equals(OrganizationIndexEntry? x, OrganizationIndexEntry? y) =>
            x is not null && y is not null && x with { Listings = [] } == y with { Listings = [] }
            && x.Listings.SequenceEqual(y.Listings);

        public int GetHashCode(OrganizationIndexEntry obj) => obj.Uscc.GetHashCode(StringComparison.Ordinal);
    }
}
