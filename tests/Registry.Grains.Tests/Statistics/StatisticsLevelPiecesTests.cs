using System.Text.Json;
using Orleans.Runtime;
using Registry.Abstractions.Statistics;
using Registry.Grains.Statistics;
using Registry.Grains.Tests.Hosting;
using Registry.Grains.Tests.Organizations;
using Registry.Storage;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Tests.Statistics;

/// <summary>
/// A province's as-of figures keep each record's changes in pieces by record, on real SQLite storage: the levels are
/// the sum over the records, a record's call replaces what it gave before, the figures survive the activation, and a
/// province stored whole by a build before the pieces is moved to them without counting anything twice.
/// </summary>
public sealed class StatisticsLevelPiecesTests(OutboxRelayTests.Fixture fixture) : IClassFixture<OutboxRelayTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly AsOf = new(2026, 11, 30);

    [Fact]
    public async Task Levels_OfManyRecords_AreSummed_ReplacedPerRecord_AndReadBackAfterDeactivation()
    {
        var office = TestCodes.County(43);
        var key = $"{office[..2]}-pieces-{Guid.NewGuid():N}";
        var level = fixture.Grains.GetGrain<IStatisticsLevelGrain>(key);
        var records = Enumerable.Range(0, 40).Select(i => $"organization:levels-{i}").ToList();

        foreach (var record in records)
        {
            await level.ApplyAsync(record, Grade(record, office, 3));
        }

        await level.ApplyAsync(records[0], Grade(records[0], office, 5));
        await level.ApplyAsync(records[1], []);
        var before = await level.LevelsAsync(AsOf);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await fixture.Grains.GetGrain<IStatisticsLevelGrain>(key).LevelsAsync(AsOf);
        var pieces = records.Select(r => Registry.Abstractions.Text.PartitionHash.Partition(r, StatisticsLevelGrain.PieceCount))
            .Distinct().Count();

        Assert.True(pieces > 1, "40 records fall in more than one piece");
        Assert.Equal(38, before.Offices[office][F.GradeInForce(3)]);
        Assert.Equal(1, before.Offices[office][F.GradeInForce(5)]);
        Assert.Equal(before.Offices[office], after.Offices[office]);
    }

    [Fact]
    public async Task A_ProvinceStoredWhole_ByTheBuildBeforePieces_IsMovedToPiecesAndNotCountedTwice()
    {
        var office = TestCodes.County(44);
        var key = $"{office[..2]}-whole-{Guid.NewGuid():N}";
        // The stored shape of that build: every record's changes in the grain's own state.
        var whole = new StatisticsLevelState();
        for (var i = 0; i < 12; i++)
        {
            whole.Records[$"organization:whole-{i}"] = Grade($"organization:whole-{i}", office, 2);
        }

        var stateKey = new GrainStateKey(StorageNames.StatisticsLevel,
            GrainId.Create(StorageNames.StatisticsLevel, key).ToString());
        await fixture.Store.WriteAsync(stateKey, null, JsonSerializer.Serialize(whole, RegistryJson.StateOptions), Ct);
        var level = fixture.Grains.GetGrain<IStatisticsLevelGrain>(key);

        var loaded = await level.LevelsAsync(AsOf);
        await level.ApplyAsync("organization:whole-0", Grade("organization:whole-0", office, 2));
        await level.ApplyAsync("organization:whole-new", Grade("organization:whole-new", office, 4));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await fixture.Grains.GetGrain<IStatisticsLevelGrain>(key).LevelsAsync(AsOf);
        var stored = await fixture.Store.ReadAsync(stateKey, Ct);

        Assert.Equal(12, loaded.Offices[office][F.GradeInForce(2)]);
        Assert.Equal(12, after.Offices[office][F.GradeInForce(2)]);
        Assert.Equal(1, after.Offices[office][F.GradeInForce(4)]);
        Assert.DoesNotContain("whole-", stored!.StateJson);
    }

    private static List<StatisticsFact> Grade(string record, string office, int grade) =>
    [
        new($"{record}#grade-0", F.GradeInForce(grade), office, new DateOnly(2026, 1, 5)),
        new($"{record}#grade-0-end", F.GradeInForce(grade), office, new DateOnly(2031, 1, 4), -1),
    ];
}
