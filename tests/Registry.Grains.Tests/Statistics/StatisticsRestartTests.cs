using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Abstractions.Statistics;
using Registry.Grains.Indexing;
using Registry.Grains.Statistics;
using Registry.Grains.Tests.Organizations;
using Registry.Storage;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Tests.Statistics;

/// <summary>
/// A year of statistics is answered from stored counters: after a restart the roll-up answers without activating a
/// single office-month partition or fact page, with corrections and repeated publications counted right; and a data
/// directory of the build before (partitions without counters, roll-ups with only their partitions' keys) answers the
/// same, derived once and stored. Runs on the organization tests' silo because that one can be restarted on its
/// database; uses years no other test writes, so its roll-ups hold only this test's offices.
/// </summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class StatisticsRestartTests(OrganizationClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Year_AfterARestart_IsAnsweredFromStoredCounters_WithoutActivatingAPartitionOrPage()
    {
        const int year = 2031;
        var office = TestCodes.County(501);
        var records = await PublishedWorkloadAsync(office, year);

        // A first marriage entered on the wrong day and corrected, a divorce application withdrawn, and every
        // record's facts published again (the outbox relay after the inline publication).
        var corrected = records[0][0] with { Date = new DateOnly(year, 1, 9) };
        await PublishAsync([corrected]);
        await PublishAsync([records[1][1] with { Count = 0 }]);
        foreach (var facts in records)
        {
            await PublishAsync(facts.Select(f => f.Id == corrected.Id ? corrected
                : f.Id == records[1][1].Id ? f with { Count = 0 } : f).ToList());
        }

        var before = await YearAsync(office, year);
        await fixture.RestartAsync();
        var after = await YearAsync(office, year);
        var earlyJanuary = await SumAsync(office, new DateOnly(year, 1, 1), new DateOnly(year, 1, 8));
        var lateJanuary = await SumAsync(office, new DateOnly(year, 1, 9), new DateOnly(year, 1, 31));
        var activated = await ActiveAsync();

        // After the restart a partition hands over again (its first apply of an activation): same revision, no change.
        await PublishAsync(records[2]);
        var repeated = await YearAsync(office, year);

        Assert.Equal(Expected(), before);
        Assert.Equal(Expected(), after);
        Assert.Equal(Expected(), repeated);
        Assert.Equal(new Dictionary<string, long> { [F.MarriageRegistrations] = 1 }, earlyJanuary);
        Assert.Equal(new Dictionary<string, long> { [F.MarriageFirst] = 1 }, lateJanuary);
        Assert.Equal((0, 0), activated);
    }

    [Fact]
    public async Task Version_MovesWithEveryHandOverTaken_NotWithARepeat_AndIsNewAfterARestart()
    {
        const int year = 2035;
        var office = TestCodes.County(505);
        var records = await PublishedWorkloadAsync(office, year);
        var rollup = fixture.Grains.GetGrain<IStatisticsRollupGrain>(StatisticsKeys.Rollup(office[..2], year));
        var held = await rollup.VersionAsync();

        // The same facts again: nothing taken, the version stays (a reader may keep what it computed).
        await PublishAsync(records[0]);
        var repeated = await rollup.VersionAsync();
        // A new fact in a month the roll-up holds, and one in a month it does not: each moves it before returning.
        await PublishAsync([new($"marriage:version-{year}-d#1", F.MarriageRegistrations, office, new DateOnly(year, 1, 20))]);
        var known = await rollup.VersionAsync();
        await PublishAsync([new($"marriage:version-{year}-e#1", F.MarriageRegistrations, office, new DateOnly(year, 7, 1))]);
        var fresh = await rollup.VersionAsync();
        await fixture.RestartAsync();
        var restarted = await fixture.Grains.GetGrain<IStatisticsRollupGrain>(StatisticsKeys.Rollup(office[..2], year))
            .VersionAsync();

        Assert.Equal(held, repeated);
        Assert.NotEqual(repeated, known);
        Assert.NotEqual(known, fresh);
        Assert.NotEqual(fresh, restarted);
        Assert.NotEqual(fresh.Epoch, restarted.Epoch);
    }

    [Fact]
    public async Task Year_StoredByTheBuildBefore_IsDerivedFromThePagesOnce_ThenAnsweredFromStoredCounters()
    {
        const int year = 2032;
        var office = TestCodes.County(502);
        var records = await PublishedWorkloadAsync(office, year);

        await PublishAsync([records[1][1] with { Count = 0 }]);
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        var partitions = records.SelectMany(facts => facts).Select(f => StatisticsKeys.Partition(f.Office, f.Date))
            .Distinct().ToList();
        await WriteAsBuildBeforeAsync(store, StatisticsKeys.Rollup(office[..2], year), partitions);

        await fixture.RestartAsync();
        var derived = await YearAsync(office, year);
        var askedOnce = await ActiveAsync();
        var partitionState = (await fixture.SiloServices.GetRequiredService<IGrainStateStore>().ReadAsync(
            StateKey(StorageNames.StatisticsPartition, partitions[0]), Ct))!.StateJson;
        await fixture.RestartAsync();
        var stored = await YearAsync(office, year);
        var activated = await ActiveAsync();

        Assert.Equal(Expected(), derived);
        Assert.True(askedOnce.Partitions > 0,
            "the build before's roll-up asks its partitions, which count their stored pages");
        Assert.DoesNotContain("counters", partitionState);
        Assert.Equal(Expected(), stored);
        Assert.Equal((0, 0), activated);
    }

    [Fact]
    public async Task Year_AfterAStopBeforeTheRollupStoredItsCounters_IsRecoveredFromThePages()
    {
        const int year = 2033;
        var office = TestCodes.County(503);
        var rollup = StatisticsKeys.Rollup(office[..2], year);
        var records = await PublishedWorkloadAsync(office, year);

        // Changes of office-months the roll-up already holds: their pages are written, the roll-up takes the new
        // counters in memory and stores them only with its next batch, which the stop below never lets come.
        await PublishAsync([records[0][0] with { Date = new DateOnly(year, 1, 9) }]);
        await PublishAsync([records[1][1] with { Count = 0 }]);
        var answeredBefore = await YearAsync(office, year);
        var storedBefore = await StoredYearAsync(rollup, office, year);

        await fixture.CrashAsync();
        var markedUnstored = await CheckpointAsync(rollup);
        var after = await YearAsync(office, year);
        var asked = await ActiveAsync();
        var storedAfter = await StoredYearAsync(rollup, office, year);

        Assert.Equal(Expected(), answeredBefore);
        Assert.NotEqual(Expected(), storedBefore);
        Assert.Contains(StatisticsKeys.Partition(office, new DateOnly(year, 1, 1)), markedUnstored);
        Assert.Contains(StatisticsKeys.Partition(office, new DateOnly(year, 2, 1)), markedUnstored);
        Assert.Equal(Expected(), after);
        Assert.True(asked.Partitions > 0, "the roll-up asks its office-months, which count their pages");
        Assert.Equal(Expected(), storedAfter);
    }

    [Fact]
    public async Task Recovery_AfterAStopBeforeTheRollupStoredItsCounters_AsksOnlyTheOfficeMonthsChanged()
    {
        const int year = 2036;
        var first = TestCodes.County(506);
        var offices = TestCodes.Counties.Where(code => code[..2] == first[..2]).Take(4).ToList();
        var rollup = StatisticsKeys.Rollup(first[..2], year);
        foreach (var office in offices)
        {
            await PublishedWorkloadAsync(office, year);
        }

        // Every office-month is stored (each new to the roll-up is stored at once); then one change of a single
        // office-month it holds, taken in memory and never stored: the stop below comes before the batch.
        var changed = offices[1];
        await PublishAsync([Workload(changed, year)[1][1] with { Count = 0 }]);

        await fixture.CrashAsync();
        var checkpoint = await CheckpointAsync(rollup);
        var answered = new Dictionary<string, Dictionary<string, long>>();
        foreach (var office in offices)
        {
            answered[office] = await YearAsync(office, year);
        }

        var asked = await ActivePartitionsAsync(year);
        var stored = await StoredYearAsync(rollup, changed, year);
        var later = await CheckpointAsync(rollup);

        // Only the office-month changed since the last stored batch is asked (the build before asked all twelve).
        var february = StatisticsKeys.Partition(changed, new DateOnly(year, 2, 1));
        Assert.Equal([february], asked);
        Assert.Contains(february, checkpoint);
        Assert.All(offices.Where(office => office != changed), office =>
            Assert.Equal(ExpectedUncorrected(withdrawn: false), answered[office]));
        Assert.Equal(ExpectedUncorrected(withdrawn: true), answered[changed]);
        Assert.Equal(ExpectedUncorrected(withdrawn: true), stored);
        Assert.DoesNotContain(february, later);
    }

    [Fact]
    public async Task Checkpoint_AfterABatchStoredUnderLoad_IsNotWrittenForItsOfficeMonths_WhichAreStillRecovered()
    {
        const int year = 2038;
        var office = TestCodes.County(508);
        var rollup = StatisticsKeys.Rollup(office[..2], year);
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        var checkpointKey = StateKey(StorageNames.StatisticsRollup, rollup);
        await PublishedWorkloadAsync(office, year);

        // A batch of hand-overs of January, which the roll-up already holds: the first names January in the
        // checkpoint, the last stores the batch and leaves January named (it is busy).
        for (var i = 0; i < StatisticsRollupGrain.FlushEvery; i++)
        {
            await PublishAsync([new($"marriage:batch-{year}-{i}#1", F.MarriageRegistrations, office,
                new DateOnly(year, 1, 20))]);
        }

        var afterBatch = (await store.ReadAsync(checkpointKey, Ct))!;
        var storedAfterBatch = await StoredYearAsync(rollup, office, year);

        // More hand-overs of January after the batch: held unstored, and the checkpoint not written for them.
        await PublishAsync([new($"marriage:batch-{year}-late#1", F.MarriageRegistrations, office,
            new DateOnly(year, 1, 21))]);
        var afterLate = (await store.ReadAsync(checkpointKey, Ct))!;
        var storedBeforeStop = await StoredYearAsync(rollup, office, year);

        await fixture.CrashAsync();
        var after = await YearAsync(office, year);
        var asked = await ActivePartitionsAsync(year);
        var storedAfter = await StoredYearAsync(rollup, office, year);
        var cleared = await CheckpointAsync(rollup);

        var january = StatisticsKeys.Partition(office, new DateOnly(year, 1, 1));
        var batched = ExpectedUncorrected(withdrawn: false);
        batched[F.MarriageRegistrations] += StatisticsRollupGrain.FlushEvery;
        var all = new Dictionary<string, long>(batched) { [F.MarriageRegistrations] = batched[F.MarriageRegistrations] + 1 };
        Assert.Contains(january, afterBatch.StateJson);
        Assert.Equal(batched, storedAfterBatch);
        Assert.Equal(afterBatch.Version, afterLate.Version);
        Assert.Equal(batched, storedBeforeStop);
        Assert.Equal(all, after);
        Assert.Equal([january], asked);
        Assert.Equal(all, storedAfter);
        Assert.DoesNotContain(january, cleared);
    }

    [Fact]
    public async Task Partition_WritesNoMarkForANewPage_AndCountsEveryStoredPageAfterAStop()
    {
        const int year = 2039;
        var office = TestCodes.County(509);
        var rollup = StatisticsKeys.Rollup(office[..2], year);
        var january = StatisticsKeys.Partition(office, new DateOnly(year, 1, 1));
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();

        // Records until eight pages of the month are in use: each new page is written without a write of the
        // partition's own state (the storage reads the pages by key range).
        var facts = new List<StatisticsFact>();
        for (var i = 0; facts.Select(f => StatisticsKeys.Page(f.Id)).Distinct().Count() < 8; i++)
        {
            var fact = new StatisticsFact($"marriage:pages-{year}-{i}#1", F.MarriageRegistrations, office,
                new DateOnly(year, 1, 1 + i % 28));
            facts.Add(fact);
            await PublishAsync([fact]);
        }

        var partitionState = await store.ReadAsync(StateKey(StorageNames.StatisticsPartition, january), Ct);
        var storedBefore = await StoredYearAsync(rollup, office, year);

        // Stopped with the roll-up's later hand-overs unstored: its recovery asks the month, counted from the stored
        // pages (read in one query, no page activated).
        await fixture.CrashAsync();
        var after = await YearAsync(office, year);
        var activated = await ActiveAsync();

        var expected = new Dictionary<string, long> { [F.MarriageRegistrations] = facts.Count };
        Assert.Null(partitionState);
        Assert.NotEqual(expected, storedBefore);
        Assert.Equal(expected, after);
        Assert.Equal((1, 0), activated);
    }

    [Fact]
    public async Task Recovery_OfACheckpointMarkedByTheBuildBefore_AsksEveryOfficeMonthOnce()
    {
        const int year = 2037;
        var office = TestCodes.County(507);
        var rollup = StatisticsKeys.Rollup(office[..2], year);
        var records = await PublishedWorkloadAsync(office, year);
        await PublishAsync([records[0][0] with { Date = new DateOnly(year, 1, 9) }]);
        await PublishAsync([records[1][1] with { Count = 0 }]);

        // Stopped with the change unstored, the checkpoint as the build before wrote it: marked, no office-month named.
        await fixture.CrashAsync();
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        var key = StateKey(StorageNames.StatisticsRollup, rollup);
        var stored = (await store.ReadAsync(key, Ct))!;
        await store.WriteAsync(key, stored.ETag,
            JsonSerializer.Serialize(new { partitions = Array.Empty<string>(), pieceCount = 32, unflushed = true }), Ct);
        await fixture.RestartAsync();

        var after = await YearAsync(office, year);
        var asked = await ActivePartitionsAsync(year);
        var cleared = await CheckpointAsync(rollup);

        Assert.Equal(Expected(), after);
        Assert.Equal(Workload(office, year).Count, asked.Count);
        Assert.DoesNotContain("\"unflushed\":true", cleared);
    }

    [Fact]
    public async Task Year_AfterAStopBetweenAPageWriteAndTheHandOver_IsRightOnceTheRecordPublishesAgain()
    {
        const int year = 2034;
        var office = TestCodes.County(504);
        var records = await PublishedWorkloadAsync(office, year);

        await PublishAsync([records[1][1] with { Count = 0 }]);

        // The first marriage's correction reaches its page (what the partition does first), and the process dies
        // before the partition hands its counters over.
        var corrected = records[0][0] with { Date = new DateOnly(year, 1, 9) };
        var january = StatisticsKeys.Partition(office, corrected.Date);
        await fixture.Grains.GetGrain<IStatisticsPageGrain>(
            StatisticsKeys.PageKey(january, StatisticsKeys.Page(corrected.Id))).ApplyAsync([corrected]);
        await fixture.CrashAsync();

        // The record's outbox row publishes its facts again after the start.
        await PublishAsync([corrected, records[0][1]]);
        var after = await YearAsync(office, year);
        await fixture.RestartAsync();
        var afterRestart = await YearAsync(office, year);

        Assert.Equal(Expected(), after);
        Assert.Equal(Expected(), afterRestart);
    }

    [Fact]
    public async Task Month_OfMoreRecordsThanItsPagesTake_KeepsEveryPageBounded_AndCountsEachRecordOnce_AcrossARestart()
    {
        const int year = 2041;
        var office = TestCodes.County(511);
        var january = StatisticsKeys.Partition(office, new DateOnly(year, 1, 1));
        var count = StatisticsKeys.Pages * PartitionPages.RecordsPerPage + 40;
        var records = Enumerable.Range(0, count).Select(i => (IReadOnlyList<StatisticsFact>)
        [
            new($"marriage:bounded-{year}-{i}#1", F.MarriageRegistrations, office, new DateOnly(year, 1, 1 + i % 28)),
            new($"marriage:bounded-{year}-{i}#1:prior-a", F.MarriageFirst, office, new DateOnly(year, 1, 1 + i % 28)),
        ]).ToList();

        // Eight at a time, so that batches of the partition carry several records (and some twice).
        foreach (var chunk in records.Chunk(8))
        {
            await Task.WhenAll(chunk.Concat(chunk.Take(2)).Select(PublishAsync));
        }

        var published = await YearAsync(office, year);
        foreach (var facts in records.Take(50))
        {
            await PublishAsync(facts);
        }

        var republished = await YearAsync(office, year);
        var pages = await StoredPagesAsync(january);

        await fixture.RestartAsync();
        var corrected = records[0][1] with { Count = 0 };
        await PublishAsync([records[0][0], corrected]);
        await PublishAsync(records[^1]);
        await PublishAsync(
        [
            new($"marriage:bounded-{year}-late#1", F.MarriageRegistrations, office, new DateOnly(year, 1, 30)),
        ]);
        var afterRestart = await YearAsync(office, year);
        var pagesAfter = await StoredPagesAsync(january);

        var expected = new Dictionary<string, long>
        {
            [F.MarriageRegistrations] = count,
            [F.MarriageFirst] = count,
        };
        Assert.Equal(expected, published);
        Assert.Equal(expected, republished);
        Assert.All(pages.Values, records => Assert.InRange(records, 1, PartitionPages.RecordsPerPage));
        Assert.True(pages.Count > StatisticsKeys.Pages, "the month needs pages beyond the hashed ones");
        Assert.Equal(count, pages.Values.Sum());
        Assert.Equal(new Dictionary<string, long>
        {
            [F.MarriageRegistrations] = count + 1,
            [F.MarriageFirst] = count - 1,
        }, afterRestart);
        Assert.All(pagesAfter.Values, records => Assert.InRange(records, 1, PartitionPages.RecordsPerPage));
        Assert.Equal(count + 1, pagesAfter.Values.Sum());
    }

    /// <summary>The records each stored page of <paramref name="partition"/> keeps facts of, by page key.</summary>
    private async Task<Dictionary<string, int>> StoredPagesAsync(string partition)
    {
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        var prefix = GrainId.Create(StorageNames.StatisticsPage, partition + "/").ToString();
        var stored = await store.ReadPrefixAsync(StorageNames.StatisticsPage, prefix, Ct);
        return stored.ToDictionary(page => page.Key.GrainId, page => JsonSerializer
            .Deserialize<StatisticsPartitionState>(page.State.StateJson, RegistryJson.StateOptions)!.Facts.Keys
            .Select(id => id[..id.IndexOf('#', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The <see cref="Workload"/> of <paramref name="office"/> in <paramref name="year"/>, each record's
    /// facts published as its grain does after its write.</summary>
    private async Task<List<List<StatisticsFact>>> PublishedWorkloadAsync(string office, int year)
    {
        var records = Workload(office, year);
        foreach (var facts in records)
        {
            await PublishAsync(facts);
        }

        return records;
    }

    /// <summary>Three records at an office over three months: a marriage with a first marriage, a divorce
    /// application, a record extract.</summary>
    private static List<List<StatisticsFact>> Workload(string office, int year) =>
    [
        [
            new($"marriage:restart-{year}-a#1:prior-a", F.MarriageFirst, office, new DateOnly(year, 1, 3)),
            new($"marriage:restart-{year}-a#1", F.MarriageRegistrations, office, new DateOnly(year, 1, 3)),
        ],
        [
            new($"marriage:restart-{year}-b#1", F.MarriageRegistrations, office, new DateOnly(year, 2, 10)),
            new($"marriage:restart-{year}-b#divorce", F.DivorceApplications, office, new DateOnly(year, 2, 20)),
        ],
        [new($"extract:restart-{year}-c#1", F.RecordExtracts, office, new DateOnly(year, 3, 31))],
    ];

    /// <summary>The workload's year after the corrections: the first marriage moved to the 9th of January, the
    /// divorce application withdrawn.</summary>
    private static Dictionary<string, long> Expected() => new()
    {
        [F.MarriageRegistrations] = 2,
        [F.MarriageFirst] = 1,
        [F.RecordExtracts] = 1,
    };

    /// <summary>The workload's year as published (no correction), with its divorce application
    /// <paramref name="withdrawn"/> or not.</summary>
    private static Dictionary<string, long> ExpectedUncorrected(bool withdrawn)
    {
        var expected = new Dictionary<string, long>
        {
            [F.MarriageRegistrations] = 2,
            [F.MarriageFirst] = 1,
            [F.RecordExtracts] = 1,
        };
        if (!withdrawn)
        {
            expected[F.DivorceApplications] = 1;
        }

        return expected;
    }

    /// <summary>The keys of the statistics partitions of <paramref name="year"/> active on the silo now.</summary>
    private async Task<List<string>> ActivePartitionsAsync(int year)
    {
        var active = await fixture.Grains.GetGrain<IManagementGrain>(0)
            .GetActiveGrains(GrainType.Create(StorageNames.StatisticsPartition));
        return active.Select(id => id.Key.ToString()!).Where(key => key.Contains($"/{year}-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>What a record grain's feed does: its facts to the partition of each office-month.</summary>
    private Task PublishAsync(IReadOnlyList<StatisticsFact> facts) =>
        Task.WhenAll(facts.GroupBy(f => StatisticsKeys.Partition(f.Office, f.Date)).Select(group =>
            fixture.Grains.GetGrain<IStatisticsPartitionGrain>(group.Key).ApplyAsync(group.ToList())));

    private Task<Dictionary<string, long>> YearAsync(string office, int year) =>
        SumAsync(office, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    private async Task<Dictionary<string, long>> SumAsync(string office, DateOnly from, DateOnly to)
    {
        var sums = await fixture.Grains.GetGrain<IStatisticsRollupGrain>(StatisticsKeys.Rollup(office[..2], from.Year))
            .SumAsync(from, to);
        return sums.Offices.GetValueOrDefault(office) ?? [];
    }

    /// <summary>The year of <paramref name="office"/> as the roll-up's stored pieces hold it (not its memory).</summary>
    private async Task<Dictionary<string, long>> StoredYearAsync(string rollup, string office, int year)
    {
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        var stored = new RollupCounters();
        for (var piece = 0; piece < StatisticsRollupGrain.PieceCount; piece++)
        {
            if (await store.ReadAsync(StateKey(StorageNames.StatisticsRollupPiece, $"{rollup}.{piece}"), Ct) is
                { } found)
            {
                var entries = JsonSerializer.Deserialize<IndexPieceState<PartitionCounts>>(found.StateJson,
                    RegistryJson.StateOptions)!.Entries;
                foreach (var counts in entries.Values)
                {
                    stored.Take(counts);
                }
            }
        }

        return stored.Sum(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Offices.GetValueOrDefault(office)
            ?? [];
    }

    private async Task<string> CheckpointAsync(string rollup) =>
        (await fixture.SiloServices.GetRequiredService<IGrainStateStore>().ReadAsync(
            StateKey(StorageNames.StatisticsRollup, rollup), Ct))?.StateJson ?? "";

    /// <summary>Statistics partitions and pages active on the silo now.</summary>
    private async Task<(int Partitions, int Pages)> ActiveAsync()
    {
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        int Count(string type) => statistics.Where(s => s.GrainType.Contains(type, StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
        return (Count(nameof(StatisticsPartitionGrain)), Count(nameof(StatisticsPageGrain)));
    }

    /// <summary>
    /// Rewrites the roll-up and its partitions as the build before stored them: a partition's state without counters
    /// (its facts in its pages, unchanged), the roll-up's only the keys of its partitions and no stored counters.
    /// </summary>
    private static async Task WriteAsBuildBeforeAsync(IGrainStateStore store, string rollup,
        IReadOnlyList<string> partitions)
    {
        foreach (var partition in partitions)
        {
            // This build marks no page where the store reads key ranges; the build before marked each it wrote.
            var key = StateKey(StorageNames.StatisticsPartition, partition);
            var stored = await store.ReadAsync(key, Ct);
            var state = stored is null
                ? new StatisticsPartitionState()
                : JsonSerializer.Deserialize<StatisticsPartitionState>(stored.StateJson, RegistryJson.StateOptions)!;
            for (var page = 0; page < StatisticsKeys.Pages; page++)
            {
                if (await store.ReadAsync(StateKey(StorageNames.StatisticsPage, StatisticsKeys.PageKey(partition, page)),
                        Ct) is not null)
                {
                    state.Pages |= 1 << page;
                }
            }

            var before = new { facts = new Dictionary<string, object>(), revision = state.Revision, pages = state.Pages };
            await store.WriteAsync(key, stored?.ETag, JsonSerializer.Serialize(before), Ct);
        }

        for (var piece = 0; piece < StatisticsRollupGrain.PieceCount; piece++)
        {
            var key = StateKey(StorageNames.StatisticsRollupPiece, $"{rollup}.{piece}");
            if (await store.ReadAsync(key, Ct) is { } stored)
            {
                await store.ClearAsync(key, stored.ETag, Ct);
            }
        }

        var rollupKey = StateKey(StorageNames.StatisticsRollup, rollup);
        var checkpoint = await store.ReadAsync(rollupKey, Ct);
        await store.WriteAsync(rollupKey, checkpoint?.ETag,
            JsonSerializer.Serialize(new { partitions }), Ct);
    }

    private static GrainStateKey StateKey(string stateName, string key) =>
        new(stateName, GrainId.Create(stateName, key).ToString());
}
