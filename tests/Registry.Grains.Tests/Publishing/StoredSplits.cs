using Registry.Grains.Publishing;

namespace Registry.Grains.Tests.Publishing;

/// <summary>Reads a splitting partition's stored tree, for tests that check it stays bounded.</summary>
internal static class StoredSplits
{
    /// <summary>
    /// The stored partitions that hold records under <paramref name="key"/>, each with how many, read down through
    /// split partitions (each must have split by <see cref="ChildHash.Mixed"/>); one still split
    /// <paramref name="depth"/> levels down fails the test.
    /// </summary>
    public static async Task<List<(string Key, int Records)>> LeavesAsync<TState>(string key, int depth,
        Func<string, Task<TState?>> stored, Func<TState, (bool Split, ChildHash Children, int Records)> shape)
        where TState : class
    {
        var state = await stored(key);
        if (state is null || shape(state) is not { Split: true } split)
        {
            return [(key, state is null ? 0 : shape(state).Records)];
        }

        Assert.True(depth > 0, $"{key} is split deeper than expected");
        Assert.Equal(ChildHash.Mixed, split.Children);
        var leaves = new List<(string, int)>();
        foreach (var child in PartitionSplits.ChildrenOf(key))
        {
            leaves.AddRange(await LeavesAsync(child, depth - 1, stored, shape));
        }

        return leaves;
    }
}
