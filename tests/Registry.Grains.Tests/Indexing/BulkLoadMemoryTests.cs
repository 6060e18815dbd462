using System.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Grains.Indexing;

namespace Registry.Grains.Tests.Indexing;

/// <summary>
/// The no-GC region of bulk loads is process-wide: any silo of another test class starting an index load meanwhile
/// (in its own region, or holding the one a test here expects) changes what these tests see. They run alone
/// (<see cref="ProcessWideGcCollection"/>): a CI run on 2026-12-07 failed "0 collections over 896 MiB allocated",
/// with other classes' silos starting in parallel.
/// </summary>
[Collection(ProcessWideGcCollection.Name)]
public sealed class BulkLoadMemoryTests
{
    [Theory]
    [InlineData(24L << 30, BulkLoadMemory.MostBudget)]
    [InlineData(8L << 30, 2L << 30)]
    [InlineData(2L << 30, 512L << 20)]
    [InlineData(0L, 0L)]
    public void BudgetFor_IsAQuarterOfTheAvailableMemory_AtMostTheMost(long available, long expected) =>
        Assert.Equal(expected, BulkLoadMemory.BudgetFor(available));

    [Fact]
    public async Task RunAsync_RunsTheLoad_AndLeavesNoRegionBehind()
    {
        var ran = false;

        await BulkLoadMemory.RunAsync(() =>
        {
            ran = true;
            return Task.CompletedTask;
        }, NullLogger.Instance);

        Assert.True(ran);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public async Task RunAsync_AfterASmallLoad_TheRuntimeCollectsAtItsUsualPaceAgain()
    {
        var inRegion = false;

        await BulkLoadMemory.RunAsync(() =>
        {
            inRegion = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
            return Task.CompletedTask;
        }, NullLogger.Instance);

        // The region let the process allocate half its budget in the small object heap without a collection; ending
        // it leaves that allowance in place unless something collects. A quarter of the budget, allocated as
        // short-lived garbage after the load, must meet collections again.
        Assert.True(inRegion, "the load ran without a no-GC region, so this test shows nothing");
        var before = GC.CollectionCount(0);
        var garbage = new object[64];
        for (long allocated = 0; allocated < BulkLoadMemory.Budget / 4; allocated += 8_192)
        {
            garbage[allocated / 8_192 % garbage.Length] = new byte[8_000];
        }

        Assert.True(GC.CollectionCount(0) - before >= 2,
            $"{GC.CollectionCount(0) - before} collections over {BulkLoadMemory.Budget / 4 >> 20} MiB allocated");
    }
}

/// <summary>Tests of process-wide collector state, run while no other test class runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideGcCollection
{
    public const string Name = "process-wide GC";
}
