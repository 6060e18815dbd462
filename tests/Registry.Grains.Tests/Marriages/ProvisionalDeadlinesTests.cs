using Registry.Abstractions.Calendars;
using Registry.Abstractions.Marriages;
using Registry.Grains.Calendars;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Organizations;

namespace Registry.Grains.Tests.Marriages;

/// <summary>A year's list of provisional divorce deadlines (<see cref="IProvisionalDeadlinesGrain"/>): a partition that
/// fills splits into bounded children, and adding, listing and removing go on through them.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class ProvisionalDeadlinesTests(MarriageClusterFixture fixture)
{
    [Fact]
    public async Task APartitionPastItsBound_SplitsIntoBoundedChildren_AndListsAndRemovesThroughThem()
    {
        var key = $"2099-t{TestCodes.NextSerial()}";
        var partition = fixture.Grains.GetGrain<IProvisionalDeadlinesGrain>(key);
        var ids = Enumerable.Range(0, PartitionSplits.MaxRecords * 2 + 5)
            .Select(_ => MarriageId.New(fixture.Time.GetUtcNow())).ToList();

        foreach (var id in ids.Take(10))
        {
            await partition.AddAsync(id);
        }

        await partition.AddManyAsync(ids.Skip(10).ToList());
        await partition.AddAsync(ids[0]);

        var parent = await StoredAsync(key);
        Assert.True(parent!.Split);
        Assert.Empty(parent.MarriageIds);
        var children = new List<ProvisionalDeadlinesState>();
        foreach (var child in PartitionSplits.ChildrenOf(key))
        {
            if (await StoredAsync(child) is { } stored)
            {
                children.Add(stored);
            }
        }

        Assert.All(children, child => Assert.InRange(child.MarriageIds.Count, 0, PartitionSplits.MaxRecords));
        Assert.Equal(ids.Order(), (await partition.GetAsync()).Order());

        await partition.RemoveAsync(ids[0]);
        await partition.RemoveAsync(ids[^1]);
        Assert.Equal(ids.Skip(1).SkipLast(1).Order(), (await partition.GetAsync()).Order());
    }

    private Task<ProvisionalDeadlinesState?> StoredAsync(string key) =>
        fixture.StoredStateAsync<ProvisionalDeadlinesState>(StorageNames.ProvisionalDeadlines, key);
}
