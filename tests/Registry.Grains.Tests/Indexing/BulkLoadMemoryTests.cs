using System.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Grains.Indexing;

namespace Registry.Grains.Tests.Indexing;

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
}
