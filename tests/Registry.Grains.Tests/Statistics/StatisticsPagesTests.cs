using Orleans.Runtime;
using Registry.Abstractions.Statistics;
using Registry.Grains.Tests.Hosting;
using Registry.Grains.Tests.Organizations;
using Registry.Storage;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Tests.Statistics;

/// <summary>
/// An office's month keeps its facts in pages by record, on real SQLite storage: the counters are the same as one
/// state holding every fact, publishing again counts nothing twice, and a month stored whole by a build before the
/// pages is read back and moved to them.
/// </summary>
public sealed class StatisticsPagesTests(OutboxRelayTests.Fixture fixture) : IClassFixture<OutboxRelayTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Facts_OfManyRecords_AreCountedOnce_AndPublishingAgainChangesNothing()
    {
        var office = TestCodes.County(40);
        var partitionKey = StatisticsKeys.Partition(office, new DateOnly(2026, 11, 1));
        var partition = fixture.Grains.GetGrain<IStatisticsPartitionGrain>(partitionKey);
        var records = Enumerable.Range(0, 40).Select(i => Facts($"marriage:pages-{i}", office, 1 + i % 28)).ToList();

        foreach (var facts in records)
        {
            await partition.ApplyAsync(facts);
        }

        var first = await partition.GetCountsAsync();
        foreach (var facts in records.Take(10))
        {
            await partition.ApplyAsync(facts);
        }

        var again = await partition.GetCountsAsync();
        var pages = records.Select(facts => StatisticsKeys.Page(facts[0].Id)).Distinct().Count();

        Assert.True(pages > 1, "40 records fall in more than one page");
        Assert.Equal(40, first.Days[F.MarriageRegistrations].Sum());
        Assert.Equal(40, first.Days[F.MarriageFirst].Sum());
        Assert.Equal(2, first.Days[F.MarriageRegistrations][0]);
        Assert.Equal(first.Revision, again.Revision);
        Assert.Equal(first.Days[F.MarriageRegistrations], again.Days[F.MarriageRegistrations]);
    }

    [Fact]
    public async Task Facts_OfManyRecordsArrivingAtOnce_AreCountedOnce_WithTheirRepublicationsAmongThem()
    {
        var office = TestCodes.County(45);
        var partition = fixture.Grains.GetGrain<IStatisticsPartitionGrain>(
            StatisticsKeys.Partition(office, new DateOnly(2026, 11, 1)));
        var records = Enumerable.Range(0, 120).Select(i => Facts($"marriage:together-{i}", office, 1 + i % 28)).ToList();

        // The calls queue while a batch is applied and go together into the next; some records twice, as when the
        // outbox relay publishes a record its grain is publishing too.
        await Task.WhenAll(records.Concat(records.Take(30)).Select(facts => partition.ApplyAsync(facts)));
        var counts = await partition.GetCountsAsync();

        Assert.Equal(120, counts.Days[F.MarriageRegistrations].Sum());
        Assert.Equal(120, counts.Days[F.MarriageFirst].Sum());
        Assert.Equal(120, counts.Days[F.MarriageRemarriages].Sum());
        Assert.Equal(5, counts.Days[F.MarriageRegistrations][0]);
    }

    [Fact]
    public async Task A_FactPublishedAgainWithAnotherCount_ReplacesItself()
    {
        var office = TestCodes.County(41);
        var partition = fixture.Grains.GetGrain<IStatisticsPartitionGrain>(
            StatisticsKeys.Partition(office, new DateOnly(2026, 11, 1)));
        var fact = new StatisticsFact("organization:pages#due-2026", F.ReportsDue, office, new DateOnly(2026, 11, 5));

        await partition.ApplyAsync([fact]);
        var due = (await partition.GetCountsAsync()).Days[F.ReportsDue][4];
        await partition.ApplyAsync([fact with { Count = 0 }]);
        var withdrawn = (await partition.GetCountsAsync()).Days[F.ReportsDue][4];

        Assert.Equal((1, 0), (due, withdrawn));
    }

    [Fact]
    public async Task A_FactCountingZero_IsNotKept_NeitherWhenNew_NorWhenItWithdrawsACount()
    {
        var office = TestCodes.County(43);
        var partitionKey = StatisticsKeys.Partition(office, new DateOnly(2026, 11, 1));
        var partition = fixture.Grains.GetGrain<IStatisticsPartitionGrain>(partitionKey);
        var inspected = new StatisticsFact("organization:zero#due-2026-inspected", F.ReportsDueInspected, office,
            new DateOnly(2026, 11, 30), 0);
        var pageKey = new GrainStateKey(StorageNames.StatisticsPage, GrainId.Create(StorageNames.StatisticsPage,
            StatisticsKeys.PageKey(partitionKey, StatisticsKeys.Page(inspected.Id))).ToString());

        var before = await partition.GetCountsAsync();
        await partition.ApplyAsync([inspected]);
        var afterZero = await partition.GetCountsAsync();
        var storedAfterZero = await fixture.Store.ReadAsync(pageKey, Ct);
        await partition.ApplyAsync([inspected with { Count = 1 }]);
        var counted = await partition.GetCountsAsync();
        var storedCounted = await fixture.Store.ReadAsync(pageKey, Ct);
        await partition.ApplyAsync([inspected]);
        var withdrawn = await partition.GetCountsAsync();
        var storedWithdrawn = await fixture.Store.ReadAsync(pageKey, Ct);

        // New and counting nothing: nothing stored, nothing changed.
        Assert.Null(storedAfterZero);
        Assert.Equal(before.Revision, afterZero.Revision);
        Assert.Equal(1, counted.Days[F.ReportsDueInspected][29]);
        Assert.Contains(inspected.Id, storedCounted!.StateJson);
        // Withdrawn: counted 0 again, and the page no longer holds the fact.
        Assert.Equal(0, withdrawn.Days[F.ReportsDueInspected][29]);
        Assert.True(withdrawn.Revision > counted.Revision);
        Assert.DoesNotContain(inspected.Id, storedWithdrawn!.StateJson);
    }

    [Fact]
    public async Task A_MonthStoredWhole_ByTheBuildBeforePages_IsReadBackMovedToPagesAndNotCountedTwice()
    {
        var office = TestCodes.County(42);
        var partitionKey = StatisticsKeys.Partition(office, new DateOnly(2026, 11, 1));
        // The stored shape of that build: every fact of the month in the partition's own state.
        var facts = Enumerable.Range(0, 12).SelectMany(i => Facts($"marriage:whole-{i}", office, 3)).ToList();
        var json = "{\"facts\":{" + string.Join(",", facts.Select(f =>
                $"\"{f.Id}\":{{\"figure\":\"{f.Figure}\",\"day\":{f.Date.Day},\"count\":{f.Count}}}")) +
            "},\"revision\":12}";
        var key = new GrainStateKey(StorageNames.StatisticsPartition,
            GrainId.Create(StorageNames.StatisticsPartition, partitionKey).ToString());
        await fixture.Store.WriteAsync(key, null, json, Ct);
        var partition = fixture.Grains.GetGrain<IStatisticsPartitionGrain>(partitionKey);

        var loaded = await partition.GetCountsAsync();
        await partition.ApplyAsync(Facts("marriage:whole-0", office, 3));
        await partition.ApplyAsync(Facts("marriage:whole-new", office, 4));
        var after = await partition.GetCountsAsync();
        var stored = await fixture.Store.ReadAsync(key, Ct);

        Assert.Equal(12, loaded.Days[F.MarriageRegistrations][2]);
        Assert.Equal(12, after.Days[F.MarriageRegistrations][2]);
        Assert.Equal(1, after.Days[F.MarriageRegistrations][3]);
        Assert.True(after.Revision > loaded.Revision);
        Assert.DoesNotContain("whole-", stored!.StateJson);
    }

    private static List<StatisticsFact> Facts(string record, string office, int day)
    {
        var date = new DateOnly(2026, 11, day);
        return
        [
            new($"{record}#1", F.MarriageRegistrations, office, date),
            new($"{record}#1:prior-a", F.MarriageFirst, office, date),
            new($"{record}#1:prior-b", F.MarriageRemarriages, office, date),
        ];
    }
}
