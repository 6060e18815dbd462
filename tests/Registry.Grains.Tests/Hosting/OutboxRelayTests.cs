using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Places;
using Registry.Abstractions.Statistics;
using Registry.Abstractions.Tests;
using Registry.Abstractions.Time;
using Registry.Grains.Places;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Marriages;
using Registry.Grains.Tests.Persons;
using Registry.Grains.Tests.Organizations;
using Registry.Hosting;
using Registry.Hosting.Configuration;
using Registry.Hosting.Publishing;
using Registry.Storage;

namespace Registry.Grains.Tests.Hosting;

/// <summary>
/// The outbox relay is what publishes: a silo whose grains do not publish after their writes
/// (<c>Registry:Testing:PublishInline=false</c>) and whose own relay is off, so each test runs the relay itself and
/// sees the read models before and after it.
/// </summary>
public sealed class OutboxRelayTests(OutboxRelayTests.Fixture fixture) : IClassFixture<OutboxRelayTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishPendingAsync_RecordWrittenWithoutPublication_ReachesItsIndexAndStatistics()
    {
        var command = Registration.Valid(name: $"中继{TestCodes.NextSerial()}服务中心");
        var query = new OrganizationQuery(command.Name, null, null, null, null, 0, 10);
        var search = fixture.Grains.GetGrain<IOrganizationSearchGrain>(0);
        // Every index partition is loaded before the write, so none can find the record by reading storage.
        Assert.Equal(0, (await search.SearchAsync(query)).Total);
        var registeredBefore = await RegisteredAsync(command.RegisteringOffice);

        await fixture.Grains.GetGrain<IOrganizationGrain>(command.Uscc).RegisterAsync(command);
        var unpublished = (await search.SearchAsync(query)).Total;
        var registeredUnpublished = await RegisteredAsync(command.RegisteringOffice);
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));

        Assert.Equal(0, unpublished);
        Assert.Equal(registeredBefore, registeredUnpublished);
        Assert.Equal(command.Uscc, Assert.Single((await search.SearchAsync(query)).Items).Uscc);
        Assert.Equal(registeredBefore + 1, await RegisteredAsync(command.RegisteringOffice));
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// Rows whose grain has told the outbox that it published them (as an organization grain does once its index
    /// entry and figures are stored) are acknowledged without asking the grain again. Here the grain published
    /// nothing (inline publication is off) and the outbox is told so by hand: the read models stay as they were,
    /// which shows the relay did not ask the grain, and the rows are gone.
    /// </summary>
    [Fact]
    public async Task PublishPendingAsync_RowsTheGrainSaidItPublished_AreAcknowledgedWithoutAskingIt()
    {
        var command = Registration.Valid(name: $"自报{TestCodes.NextSerial()}服务中心");
        var query = new OrganizationQuery(command.Name, null, null, null, null, 0, 10);
        var search = fixture.Grains.GetGrain<IOrganizationSearchGrain>(0);
        Assert.Equal(0, (await search.SearchAsync(query)).Total);
        var grain = fixture.Grains.GetGrain<IOrganizationGrain>(command.Uscc);
        await grain.RegisterAsync(command);

        fixture.Outbox.Published(new GrainStateKey(StorageNames.Organization, grain.GetGrainId().ToString()));
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));

        Assert.Equal(0, (await search.SearchAsync(query)).Total);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// A marriage whose grain told the outbox that it published its write (as it does once its statistics, register
    /// entries and names are stored): the relay acknowledges the row without asking the grain, so a registration costs
    /// no second call to its record. Here the grain published nothing (inline publication is off) and the outbox is
    /// told so by hand: the register stays as it was, the grain was not asked, and the row is gone.
    /// </summary>
    [Fact]
    public async Task PublishPendingAsync_MarriageRowsTheGrainSaidItPublished_AreAcknowledgedWithoutAskingIt()
    {
        var office = MarriageClusterFixture.NextOffice();
        var id = MarriageId.New(fixture.Time.GetUtcNow());
        var grain = fixture.Grains.GetGrain<IMarriageGrain>(id);
        var registration = await grain.RegisterAsync(
            MarriageClusterFixture.Registration(TestPeople.Man(), TestPeople.Woman(), office));
        var register = fixture.Grains.GetGrain<IOfficeRegisterGrain>(
            OfficeDayEntry.KeyOf(office, registration.RegisteredOn, OfficeDayEntry.PartitionOf(id)));
        var calls = fixture.MarriagePublications;

        fixture.Outbox.Published(new GrainStateKey(StorageNames.Marriage, grain.GetGrainId().ToString()));
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));

        Assert.Equal(calls, fixture.MarriagePublications);
        Assert.DoesNotContain(await register.GetEntriesAsync(), e => e.MarriageId == id);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// A marriage written and not published (a process that died right after the record's write): the relay tells
    /// the office's day register and the person-name index (the record's grain has sent nothing in this activation,
    /// so its publication for the relay computes and sends everything).
    /// </summary>
    [Fact]
    public async Task PublishPendingAsync_MarriageWrittenWithoutPublication_ReachesItsRegisterAndNameIndex()
    {
        var office = MarriageClusterFixture.NextOffice();
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var id = MarriageId.New(fixture.Time.GetUtcNow());
        var command = MarriageClusterFixture.Registration(man, woman, office);
        var registration = await fixture.Grains.GetGrain<IMarriageGrain>(id).RegisterAsync(command);
        var register = fixture.Grains.GetGrain<IOfficeRegisterGrain>(
            OfficeDayEntry.KeyOf(office, registration.RegisteredOn, OfficeDayEntry.PartitionOf(id)));
        // Party A's name pieces, read from storage (the index grains are not asked, so none is activated early).
        var nameKeys = PersonNameEntry.PartitionKeysOf(command.PartyA.Name).Select(key =>
            new GrainStateKey(StorageNames.PersonNameIndex,
                GrainId.Create(StorageNames.PersonNameIndex, key).ToString())).ToList();
        async Task<List<StoredGrainState>> NamePiecesAsync() =>
            (await Task.WhenAll(nameKeys.Select(key => fixture.Store.ReadAsync(key, Ct)))).OfType<StoredGrainState>()
            .ToList();
        var unpublished = await register.GetEntriesAsync();
        var namesUnpublished = await NamePiecesAsync();

        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));
        var published = await register.GetEntriesAsync();
        var names = await NamePiecesAsync();

        Assert.DoesNotContain(unpublished, e => e.MarriageId == id);
        Assert.DoesNotContain(namesUnpublished, piece => piece.StateJson.Contains(id));
        Assert.Equal(registration.CertificateNumber,
            Assert.Single(published, e => e.MarriageId == id).Reference);
        Assert.Single(names, piece => piece.StateJson.Contains(id));
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    [Fact]
    public async Task PublishPendingAsync_OneRecordFailing_PublishesTheOthersAndKeepsItsRowUntilItSucceeds()
    {
        // A record whose stored state cannot be read: its grain cannot activate, so its publication throws. (A
        // marriage: no read model reads every marriage, which this state would break.)
        var poisoned = new GrainStateKey(StorageNames.Marriage,
            GrainId.Create(StorageNames.MarriageGrainType, $"poison-{TestCodes.NextSerial()}").ToString());
        var etag = await fixture.Store.WriteAsync(poisoned, null, "{\"id\": [", Ct);
        var command = Registration.Valid(name: $"重试{TestCodes.NextSerial()}服务中心");
        var query = new OrganizationQuery(command.Name, null, null, null, null, 0, 10);
        var search = fixture.Grains.GetGrain<IOrganizationSearchGrain>(0);
        Assert.Equal(0, (await search.SearchAsync(query)).Total);
        await fixture.Grains.GetGrain<IOrganizationGrain>(command.Uscc).RegisterAsync(command);

        var first = await fixture.Relay.PublishPendingAsync(Ct);
        var found = (await search.SearchAsync(query)).Total;
        var again = await fixture.Relay.PublishPendingAsync(Ct);
        await fixture.Store.ClearAsync(poisoned, etag, Ct);
        var afterRepair = await fixture.Relay.PublishPendingAsync(Ct);

        Assert.False(first);
        Assert.Equal(1, found);
        Assert.False(again);
        Assert.True(afterRepair);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    [Fact]
    public async Task PublishPendingAsync_GeometryWrittenWithoutPublication_ReachesItsTile()
    {
        var county = OutboxTestCounty.Pick(40);
        var (key, point) = (county.Key, county.Inside);
        var tile = fixture.Grains.GetGrain<ISpatialTileGrain>(county.TileKey);
        Assert.DoesNotContain(await tile.QueryPointAsync(point.X, point.Y, fixture.Today), h => h.RecordKey == key);

        await fixture.Grains.GetGrain<IDivisionGeometryGrain>(key).SetAsync(county.Command);
        var unpublished = await tile.QueryPointAsync(point.X, point.Y, fixture.Today);
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));

        Assert.DoesNotContain(unpublished, h => h.RecordKey == key);
        Assert.Contains(await tile.QueryPointAsync(point.X, point.Y, fixture.Today), h => h.RecordKey == key);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    [Fact]
    public async Task Republication_RecordStoredWithoutItsFigures_PublishesThemOnce()
    {
        // An organization whose write published nothing stands for one stored by a build whose figures it lacks.
        var command = Registration.Valid(name: $"补发{TestCodes.NextSerial()}服务中心");
        var registeredBefore = await RegisteredAsync(command.RegisteringOffice);
        await fixture.Grains.GetGrain<IOrganizationGrain>(command.Uscc).RegisterAsync(command);
        var republication = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Republication>();
        var marker = Republication.MarkerOf(StorageNames.Organization, 1);
        // The silo's own start found no organization and marked the run done; a data directory of an earlier
        // build has no marker.
        var done = await fixture.Store.ReadAsync(marker, Ct);
        await fixture.Store.ClearAsync(marker, done!.ETag, Ct);
        var unpublished = await RegisteredAsync(command.RegisteringOffice);

        var first = await republication.RunAsync(Ct);
        var published = await RegisteredAsync(command.RegisteringOffice);
        var second = await republication.RunAsync(Ct);
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));

        Assert.Equal(registeredBefore, unpublished);
        Assert.True(first >= 1);
        Assert.Equal(registeredBefore + 1, published);
        Assert.Equal(0, second);
        Assert.Equal(registeredBefore + 1, await RegisteredAsync(command.RegisteringOffice));
    }

    [Fact]
    public async Task PublishPendingAsync_PlaceNameWrittenWithoutPublication_ReachesItsIndex_Idempotently_InRecordOrder()
    {
        var point = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
            "Places", "Data", "search-places.json")))!.AsArray().First(p => (string?)p!["name"] == "Shanghai")!;
        var geometry = PlaceGeometry.Write(PlaceGeometry.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(
            double.Parse((string)point["lng"]!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((string)point["lat"]!, System.Globalization.CultureInfo.InvariantCulture))));
        var spelling = await fixture.Grains.GetGrain<IPlaceSpellingGrain>(0)
            .SuggestAsync("南京东路街道", PlaceCategory.AdministrativeDivision);
        var query = new PlaceNameQuery("nanjingdonglu", null, null, "31", null, null, false, false, null, 0, 10);
        var search = fixture.Grains.GetGrain<IPlaceNameSearchGrain>(0);
        // Every index partition is active before the write.
        Assert.Equal(0, (await search.SearchAsync(query)).Total);
        var place = fixture.Grains.GetGrain<IPlaceNameGrain>($"relay-{TestCodes.NextSerial()}");

        var proposed = await place.ProposeAsync(new ProposePlaceName("南京东路街道", spelling.Romanization,
            PlaceCategory.AdministrativeDivision, "310101002", geometry, null, null));
        var unpublished = (await search.SearchAsync(query)).Total;
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));
        var published = Assert.Single((await search.SearchAsync(query)).Items).Entry;

        // A late or repeated delivery of an older entry changes nothing: the partition keeps the record's newest.
        await place.ApproveAsync(new ApprovePlaceName("市人民政府", fixture.Today));
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));
        var partition = fixture.Grains.GetGrain<IPlaceNameIndexGrain>(PlaceNameIndex.PartitionOf(proposed.Id));
        await partition.UpsertAsync(published);
        await partition.UpsertAsync(published);
        var afterLateDelivery = Assert.Single((await search.SearchAsync(query)).Items).Entry;

        Assert.Equal(0, unpublished);
        Assert.Equal(proposed.Id, published.Id);
        Assert.Equal(PlaceNameStatus.Proposed, published.Status);
        Assert.Equal(PlaceNameStatus.Approved, afterLateDelivery.Status);
        Assert.True(afterLateDelivery.Revision > published.Revision);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// Records the archive import stored without their grains are published many at a time (one call per read-model
    /// partition): every record reaches the statistics (its registration on its historical date, its archive entry
    /// today), the office's day register and the person-name index; published again, nothing is counted twice.
    /// </summary>
    [Fact]
    public async Task PublishPendingAsync_ArchiveBatch_ReachesEveryReadModelOnce_AndPublishedAgainCountsNothingTwice()
    {
        var entries = Enumerable.Range(0, 30)
            .Select(_ => ArchiveImportTests.Entry(TestPeople.Man(), TestPeople.Woman())).ToList();
        var before = await ArchiveFiguresAsync();

        var outcomes = await fixture.Grains.GetGrain<IArchiveImportGrain>(0).EnterBatchAsync(entries);
        var unpublished = await ArchiveFiguresAsync();
        var callsBefore = fixture.MarriagePublications;
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));
        var callsAfter = fixture.MarriagePublications;
        var published = await ArchiveFiguresAsync();
        var publisher = fixture.Cluster.Silos[0].ServiceProvider.GetServices<IBulkPublisher>()
            .Single(p => p.StateName == StorageNames.Marriage);
        await publisher.PublishAsync(entries.Select(ArchiveGrainId).ToList(), Ct);
        var again = await ArchiveFiguresAsync();

        Assert.All(outcomes, outcome => Assert.Equal(ArchiveEntryResult.Stored, outcome.Result));
        Assert.Equal(before, unpublished);
        Assert.Equal((before.Registrations + 30, before.Archived + 30), published);
        Assert.Equal(published, again);
        // Published from storage: no record's grain was asked.
        Assert.Equal(callsBefore, callsAfter);
        await AssertInRegisterAndNameIndexAsync(entries);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// A process that died between the archive import's commit and its publication: the relay of the next start
    /// (whose memory holds neither the records stored without their grains nor any write) publishes them in bulk from
    /// storage, as the relay that stored them would have, not through their grains (a restart that found 380,000 of
    /// them unpublished held every read-model partition so reached in memory, 6.6 GB).
    /// </summary>
    [Fact]
    public async Task PublishPendingAsync_ArchiveBatchStoredBeforeARestart_IsPublishedInBulk_Once()
    {
        var entries = Enumerable.Range(0, 12)
            .Select(_ => ArchiveImportTests.Entry(TestPeople.Man(), TestPeople.Woman())).ToList();
        var before = await ArchiveFiguresAsync();
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var outbox = services.GetRequiredService<Outbox>();
        var restarted = ActivatorUtilities.CreateInstance<OutboxRelay>(services, new ReadModelPublication(),
            new Outbox(outbox.StateNames) { ReportedStateNames = outbox.ReportedStateNames });

        await fixture.Grains.GetGrain<IArchiveImportGrain>(0).EnterBatchAsync(entries);
        var calls = fixture.MarriagePublications;
        Assert.True(await restarted.PublishPendingAsync(Ct));
        var published = await ArchiveFiguresAsync();
        Assert.Equal(calls, fixture.MarriagePublications);
        // The hints left in the silo's memory are published again in bulk if a row comes back: still counted once.
        await services.GetServices<IBulkPublisher>().Single(p => p.StateName == StorageNames.Marriage)
            .PublishAsync(entries.Select(ArchiveGrainId).ToList(), Ct);

        Assert.Equal((before.Registrations + 12, before.Archived + 12), published);
        Assert.Equal(published, await ArchiveFiguresAsync());
        await AssertInRegisterAndNameIndexAsync(entries);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// A division renamed by a process that died before its publication: the relay of the next start publishes the
    /// row in bulk from storage, as it does an edition import's rows (tens of thousands written by the seeder), not
    /// through the division's grain, and the directory's part answers the new name.
    /// </summary>
    [Fact]
    public async Task PublishPendingAsync_DivisionRenamedBeforeARestart_ReachesTheDirectoryInBulk()
    {
        const string code = "110106";
        var renamed = (await fixture.Grains.GetGrain<IDivisionGrain>(code).GetAsync(DateOnly.MaxValue)).Name + "新城";
        var directory = fixture.Grains.GetGrain<IDivisionDirectoryGrain>("cn");
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var outbox = services.GetRequiredService<Outbox>();
        var restarted = ActivatorUtilities.CreateInstance<OutboxRelay>(services, new ReadModelPublication(),
            new Outbox(outbox.StateNames) { ReportedStateNames = outbox.ReportedStateNames });

        await fixture.Grains.GetGrain<IDivisionChangeGrain>("rename-" + Guid.NewGuid().ToString("N")).RecordAsync(
            new DivisionChange(DivisionChangeKind.Rename, fixture.Today, "批复 (test)", code, renamed, null, null, [],
                [], []));
        var unpublished = await directory.SearchAsync(renamed, 5);
        var calls = fixture.DivisionPublications;
        Assert.True(await restarted.PublishPendingAsync(Ct));

        Assert.DoesNotContain(unpublished, m => m.Code == code);
        Assert.Equal(calls, fixture.DivisionPublications);
        Assert.Contains(await directory.SearchAsync(renamed, 5), m => m.Code == code && m.Exact);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// A record that cannot be published among records stored without their grains: the bulk publication fails, each
    /// record is then published by itself, and only that one keeps its row until it can be.
    /// </summary>
    [Fact]
    public async Task PublishPendingAsync_OneRecordOfABulkPublicationFailing_PublishesTheOthersAndKeepsItsRow()
    {
        var poisoned = new GrainStateKey(StorageNames.Marriage,
            GrainId.Create(StorageNames.MarriageGrainType, $"poison-{TestCodes.NextSerial()}").ToString());
        var entries = Enumerable.Range(0, 8)
            .Select(_ => ArchiveImportTests.Entry(TestPeople.Man(), TestPeople.Woman())).ToList();
        var before = await ArchiveFiguresAsync();
        var publication = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ReadModelPublication>();
        publication.StoredWithoutGrain(poisoned.GrainId);
        var etag = await fixture.Store.WriteAsync(poisoned, null, "{\"id\": [", Ct);
        await fixture.Grains.GetGrain<IArchiveImportGrain>(0).EnterBatchAsync(entries);

        var first = await fixture.Relay.PublishPendingAsync(Ct);
        var published = await ArchiveFiguresAsync();
        await fixture.Store.ClearAsync(poisoned, etag, Ct);
        var afterRepair = await fixture.Relay.PublishPendingAsync(Ct);

        Assert.False(first);
        Assert.Equal((before.Registrations + 8, before.Archived + 8), published);
        Assert.True(afterRepair);
        Assert.Equal(published, await ArchiveFiguresAsync());
        await AssertInRegisterAndNameIndexAsync(entries);
        Assert.Empty(await fixture.Store.ClaimOutboxAsync("test", TimeSpan.Zero, 10, Ct));
    }

    /// <summary>
    /// A record's re-publication after a bulk publication that may have sent an older version late: its grain sends
    /// everything again, also what this activation sent before (its ordinary publication would answer at once).
    /// </summary>
    [Fact]
    public async Task RepublishAsync_AfterAnOlderDeliveryArrivedLate_RestoresTheRecordsEntries()
    {
        var office = MarriageClusterFixture.NextOffice();
        var id = MarriageId.New(fixture.Time.GetUtcNow());
        var marriage = fixture.Grains.GetGrain<IMarriageGrain>(id);
        var registration = await marriage.RegisterAsync(
            MarriageClusterFixture.Registration(TestPeople.Man(), TestPeople.Woman(), office));
        Assert.True(await fixture.Relay.PublishPendingAsync(Ct));
        // An activation that has sent this version in full.
        await marriage.PublishAsync();
        var register = fixture.Grains.GetGrain<IOfficeRegisterGrain>(
            OfficeDayEntry.KeyOf(office, registration.RegisteredOn, OfficeDayEntry.PartitionOf(id)));
        // An older version of the record (none of its entries there) delivered after the newer one.
        await register.ApplyAsync($"marriage:{id}", []);

        await marriage.PublishAsync();
        var afterPublish = await register.GetEntriesAsync();
        await marriage.RepublishAsync();
        var afterRepublish = await register.GetEntriesAsync();

        Assert.DoesNotContain(afterPublish, e => e.MarriageId == id);
        Assert.Equal(registration.CertificateNumber, Assert.Single(afterRepublish, e => e.MarriageId == id).Reference);
    }

    private static string ArchiveGrainId(EnterArchivedMarriage entry) =>
        GrainId.Create(StorageNames.MarriageGrainType, entry.RecordId()).ToString();

    /// <summary>The archive office's marriage registrations in the entries' month and its archive records today.</summary>
    private async Task<(int Registrations, int Archived)> ArchiveFiguresAsync()
    {
        var then = Entry().RegisteredOn;
        var registered = await fixture.Grains.GetGrain<IStatisticsPartitionGrain>(
            StatisticsKeys.Partition(ArchiveImportTests.Office, then)).GetCountsAsync();
        var archived = await fixture.Grains.GetGrain<IStatisticsPartitionGrain>(
            StatisticsKeys.Partition(ArchiveImportTests.Office, fixture.Today)).GetCountsAsync();
        return (Sum(registered, StatisticsFigures.MarriageRegistrations),
            Sum(archived, StatisticsFigures.ArchiveRecords));

        static EnterArchivedMarriage Entry() => ArchiveImportTests.Entry(TestPeople.Man(), TestPeople.Woman());

        static int Sum(PartitionCounts counts, string figure) =>
            counts.Days.TryGetValue(figure, out var days) ? days.Sum() : 0;
    }

    /// <summary>Each entry once in its office's register today and under each party's name.</summary>
    private async Task AssertInRegisterAndNameIndexAsync(IReadOnlyList<EnterArchivedMarriage> entries)
    {
        var register = (await Task.WhenAll(OfficeDayEntry.PartitionKeysOf(ArchiveImportTests.Office, fixture.Today)
            .Select(key => fixture.Grains.GetGrain<IOfficeRegisterGrain>(key).GetEntriesAsync())))
            .SelectMany(e => e).ToList();
        foreach (var entry in entries)
        {
            var id = entry.RecordId();
            Assert.Equal(entry.CertificateNumber, Assert.Single(register, e => e.MarriageId == id).Reference);
            foreach (var party in new[] { entry.PartyA, entry.PartyB })
            {
                var named = (await Task.WhenAll(PersonNameEntry.PartitionKeysOf(party.Name)
                    .Select(key => fixture.Grains.GetGrain<IPersonNameIndexGrain>(key).GetEntriesAsync())))
                    .SelectMany(e => e);
                Assert.Single(named, e => e.MarriageId == id);
            }
        }
    }

    private async Task<int> RegisteredAsync(string office)
    {
        var counts = await fixture.Grains.GetGrain<IStatisticsPartitionGrain>(
            StatisticsKeys.Partition(office, fixture.Today)).GetCountsAsync();
        return counts.Days.TryGetValue(StatisticsFigures.RegisteredSocialAssociations, out var days) ? days.Sum() : 0;
    }

    /// <summary>One silo on real SQLite storage in a temporary directory, publishing only through a relay the tests
    /// run.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly string directory =
            Path.Combine(Path.GetTempPath(), "registry-outbox-" + Guid.NewGuid().ToString("N"));

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

        public InProcessTestCluster Cluster { get; private set; } = null!;

        public IGrainFactory Grains => Cluster.Client;

        public DateOnly Today =>
            new BureauClock(Time, TimeZoneInfo.FindSystemTimeZoneById(BureauClock.DefaultTimeZoneId)).Today;

        public IGrainStateStore Store => Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStateStore>();

        public Outbox Outbox => Cluster.Silos[0].ServiceProvider.GetRequiredService<Outbox>();

        public OutboxRelay Relay { get; private set; } = null!;

        private int marriagePublications;

        /// <summary>How many publications marriage grains have been asked for (by any caller).</summary>
        public int MarriagePublications => Volatile.Read(ref marriagePublications);

        private int divisionPublications;

        /// <summary>How many publications division grains have been asked for (by any caller).</summary>
        public int DivisionPublications => Volatile.Read(ref divisionPublications);

        public async ValueTask InitializeAsync()
        {
            var options = new RegistryOptions { DataDirectory = directory };
            options.Testing.PublishInline = false;
            options.Testing.RelayOutbox = false;
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) =>
            {
                silo.Services.AddSingleton<TimeProvider>(Time);
                silo.AddRegistryRuntime(options);
                silo.AddIncomingGrainCallFilter(context =>
                {
                    if (context.Grain is IMarriageGrain && context.InterfaceMethod.Name is "PublishAsync" or
                            "RepublishAsync")
                    {
                        Interlocked.Increment(ref marriagePublications);
                    }

                    if (context.Grain is IDivisionGrain && context.InterfaceMethod.Name is "PublishAsync")
                    {
                        Interlocked.Increment(ref divisionPublications);
                    }

                    return context.Invoke();
                });
            });
            Cluster = builder.Build();
            await Cluster.DeployAsync();
            var services = Cluster.Silos[0].ServiceProvider;
            Assert.Null(services.GetService<OutboxRelay>());
            Relay = ActivatorUtilities.CreateInstance<OutboxRelay>(services);
            // The start's republication of earlier builds' records (none here) is done before a test writes.
            await services.GetRequiredService<Republication>().Running;
        }

        public async ValueTask DisposeAsync()
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
