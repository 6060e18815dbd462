using Registry.Abstractions.Calendars;
using Registry.Abstractions.Marriages;
using Registry.Grains.Calendars;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Organizations;
using Registry.Grains.Tests.Publishing;
using Registry.Storage;

namespace Registry.Grains.Tests.Marriages;

/// <summary>A year's list of provisional divorce deadlines (<see cref="IProvisionalDeadlinesGrain"/>): a partition that
/// fills splits into bounded children, and adding, listing and removing go on through them.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class ProvisionalDeadlinesTests(MarriageClusterFixture fixture)
{
    /// <summary>The ids are the partition's own (marriages whose ids fall in it), more than its children can hold, so
    /// they split too.</summary>
    [Fact]
    public async Task APartitionPastItsBound_SplitsIntoBoundedChildren_AndListsAndRemovesThroughThem()
    {
        var year = 3000 + TestCodes.NextSerial();
        var key = IProvisionalDeadlinesGrain.KeysOf(year).ElementAt(5);
        var partition = fixture.Grains.GetGrain<IProvisionalDeadlinesGrain>(key);
        var ids = Enumerable.Range(0, int.MaxValue).Select(_ => MarriageId.New(fixture.Time.GetUtcNow()))
            .Where(id => IProvisionalDeadlinesGrain.KeyOf(year, id) == key)
            .Take(PartitionSplits.MaxRecords * PartitionSplits.Fanout * 2).ToList();

        foreach (var id in ids.Take(10))
        {
            await partition.AddAsync(id);
        }

        await partition.AddManyAsync(ids.Skip(10).ToList());
        await partition.AddAsync(ids[0]);

        var parent = await StoredAsync(key);
        Assert.True(parent!.Split);
        Assert.Empty(parent.MarriageIds);
        var leaves = await LeavesAsync(key, depth: 3);
        Assert.All(leaves, leaf => Assert.InRange(leaf.Ids, 0, PartitionSplits.MaxRecords));
        Assert.Contains(leaves, leaf => leaf.Key.Count(c => c == '.') == 2);
        Assert.Equal(ids.Count, leaves.Sum(leaf => leaf.Ids));
        Assert.Equal(ids.Order(), (await partition.GetAsync()).Order());

        await partition.RemoveAsync(ids[0]);
        await partition.RemoveAsync(ids[^1]);
        Assert.Equal(ids.Skip(1).SkipLast(1).Order(), (await partition.GetAsync()).Order());
    }

    /// <summary>A partition stored before splits recorded their hash, whose split by the low bits a crash cut short
    /// (copies in its low-bit children, one of an id removed since): its next split sets its children whole, so each
    /// id it holds is listed once and the removed one not at all.</summary>
    [Fact]
    public async Task ASplitByTheLowBitsCutShortBeforeTheHashWasRecorded_IsRedoneWithoutItsCopies()
    {
        var year = 3000 + TestCodes.NextSerial();
        var key = IProvisionalDeadlinesGrain.KeysOf(year).ElementAt(2);
        var ids = Enumerable.Range(0, int.MaxValue).Select(_ => MarriageId.New(fixture.Time.GetUtcNow()))
            .Where(id => IProvisionalDeadlinesGrain.KeyOf(year, id) == key)
            .Take(PartitionSplits.MaxRecords + 2).ToList();
        var removed = ids[^1];
        ids.RemoveAt(ids.Count - 1);
        var held = ids.Take(PartitionSplits.MaxRecords).ToList();
        foreach (var child in held.Append(removed).GroupBy(id => PartitionSplits.ChildOf(key, id, ChildHash.LowBits)))
        {
            await fixture.Grains.GetGrain<IProvisionalDeadlinesGrain>(child.Key).AddManyAsync(child.ToList());
        }

        await fixture.Store.WriteAsync(
            new GrainStateKey(StorageNames.ProvisionalDeadlines,
                GrainId.Create(StorageNames.ProvisionalDeadlines, key).ToString()),
            null, System.Text.Json.JsonSerializer.Serialize(new ProvisionalDeadlinesState { MarriageIds = held },
                RegistryJson.StateOptions));

        var partition = fixture.Grains.GetGrain<IProvisionalDeadlinesGrain>(key);
        await partition.AddAsync(ids[^1]);

        Assert.Equal(ChildHash.Mixed, (await StoredAsync(key))!.Children);
        Assert.Equal(ids.Order(), (await partition.GetAsync()).Order());
    }

    private Task<List<(string Key, int Ids)>> LeavesAsync(string key, int depth) =>
        StoredSplits.LeavesAsync(key, depth, StoredAsync,
            state => (state.Split, state.Children, state.MarriageIds.Count));

    private Task<ProvisionalDeadlinesState?> StoredAsync(string key) =>
        fixture.StoredStateAsync<ProvisionalDeadlinesState>(StorageNames.ProvisionalDeadlines, key);
}
