using Registry.Abstractions.Calendars;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Publishing;

namespace Registry.Grains.Tests.Publishing;

/// <summary>
/// A partition that splits stays bounded only if its own records spread over its children, and theirs over their
/// children. A partition's own records are alike already (they fell in it by a hash of their keys), so they are what
/// these tests split: the marriages of one office register partition of a day, of one partition of a year's
/// provisional deadlines, and of one partition of a common name.
/// </summary>
public sealed class PartitionSplitsTests
{
    /// <summary>More than a partition, split twice over, would hold: 4,000 of one partition's own records.</summary>
    private const int Records = 4_000;

    public static TheoryData<string, string> Partitions => new()
    {
        { "office register", OfficeDayEntry.KeyOf("110101", new DateOnly(2026, 12, 7), 3) },
        { "provisional deadlines", "2027-5" },
        { "name index", PersonNameEntry.PartitionKeysOf("张伟").ElementAt(7) },
    };

    [Theory]
    [MemberData(nameof(Partitions))]
    public void APartitionsOwnRecords_SplitByTheMixedHash_FillNoChildPastTheBound_WithinThreeLevels(string kind,
        string partition)
    {
        var leaves = Leaves(partition, OwnRecords(kind, partition), ChildHash.Mixed, maxDepth: 3);

        Assert.All(leaves, leaf => Assert.InRange(leaf.Records, 0, PartitionSplits.MaxRecords));
        Assert.Equal(Records, leaves.Sum(leaf => leaf.Records));
        Assert.True(leaves.Count > Records / PartitionSplits.MaxRecords,
            $"{kind}: {Records} records in only {leaves.Count} leaves");
    }

    /// <summary>Why partitions split since 2026-12-07 store <see cref="ChildHash.Mixed"/>: by the hash's low bits
    /// alone, some of a partition's own records still fall all in one child eight levels down (500,000 archived
    /// marriages split an office register partition to a depth of hundreds).</summary>
    [Theory]
    [MemberData(nameof(Partitions))]
    public void APartitionsOwnRecords_SplitByTheLowBits_FillSomeChildPastTheBound_EightLevelsDown(string kind,
        string partition)
    {
        var leaves = Leaves(partition, OwnRecords(kind, partition), ChildHash.LowBits, maxDepth: 8);

        Assert.Contains(leaves, leaf => leaf.Records > PartitionSplits.MaxRecords);
    }

    [Fact]
    public void ChildOf_ByEitherHash_IsOneOfThePartitionsChildren_TheSameEveryTime()
    {
        var children = PartitionSplits.ChildrenOf("甲#4").ToList();
        Assert.Equal(PartitionSplits.Fanout, children.Distinct().Count());
        foreach (var hash in new[] { ChildHash.LowBits, ChildHash.Mixed })
        {
            Assert.All(Enumerable.Range(0, 200), i =>
            {
                var child = PartitionSplits.ChildOf("甲#4", $"marriage:{i}", hash);
                Assert.Contains(child, children);
                Assert.Equal(child, PartitionSplits.ChildOf("甲#4", $"marriage:{i}", hash));
            });
        }
    }

    /// <summary>Record keys of marriages (ids as <see cref="MarriageId.New"/> makes them, from a seeded generator) that
    /// fall in <paramref name="partition"/>, <see cref="Records"/> of them.</summary>
    private static List<string> OwnRecords(string kind, string partition)
    {
        var random = new Random(20261207);
        var own = new List<string>();
        var documents = 0;
        while (own.Count < Records)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var id = new Guid(bytes).ToString("N");
            var falls = kind switch
            {
                "office register" => OfficeDayEntry.KeyOf("110101", new DateOnly(2026, 12, 7),
                    OfficeDayEntry.PartitionOf(id)) == partition,
                "provisional deadlines" => IProvisionalDeadlinesGrain.KeyOf(2027, id) == partition,
                _ => new PersonNameEntry("张伟", $"ID:{documents++:D18}", id).PartitionKey == partition,
            };
            if (falls)
            {
                own.Add(kind == "provisional deadlines" ? id : $"marriage:{id}");
            }
        }

        return own;
    }

    /// <summary>The partitions that hold <paramref name="records"/> once every partition past the bound has split by
    /// <paramref name="hash"/>, down to <paramref name="maxDepth"/> levels (one left past the bound there is a
    /// leaf that never stops splitting).</summary>
    private static List<(string Key, int Records)> Leaves(string partition, IReadOnlyList<string> records,
        ChildHash hash, int maxDepth)
    {
        if (records.Count <= PartitionSplits.MaxRecords || maxDepth == 0)
        {
            return [(partition, records.Count)];
        }

        return records.GroupBy(record => PartitionSplits.ChildOf(partition, record, hash), StringComparer.Ordinal)
            .SelectMany(child => Leaves(child.Key, child.ToList(), hash, maxDepth - 1)).ToList();
    }

    /// <summary>A migration's layout of a partition's records is what a partition sent them one by one keeps: one
    /// partition while they fit, else children (before their parent) by the mixed hash, every state bounded, and a
    /// reader reaching every record from the partition.</summary>
    [Theory]
    [InlineData(PartitionSplits.MaxRecords, 1)]
    [InlineData(PartitionSplits.MaxRecords + 1, 2)]
    [InlineData(5_000, 3)]
    public void Layout_KeepsEveryStateBounded_AndEveryRecordWhereItsPartitionSendsIt(int records, int minLevels)
    {
        const string partition = "张伟@3";
        var byRecord = Enumerable.Range(0, records).ToDictionary(n => $"marriage:{n:D8}",
            n => new List<PersonNameEntry> { new("张伟", $"ID:{n:D18}", $"{n:D8}") }, StringComparer.Ordinal);

        var laidOut = PartitionSplits.Layout(partition, byRecord).ToList();
        var stored = laidOut.ToDictionary(p => p.Key, p => p.State, StringComparer.Ordinal);

        Assert.Equal(laidOut.Count, stored.Count);
        Assert.All(laidOut, p => Assert.InRange(p.State.ByRecord.Count, 0, PartitionSplits.MaxRecords));
        Assert.All(laidOut, p => Assert.Equal(ChildHash.Mixed, p.State.Children));
        Assert.Equal(records > PartitionSplits.MaxRecords, stored[partition].Split);
        Assert.Equal(partition, laidOut[^1].Key);
        Assert.True(laidOut.Max(p => p.Key.Count(c => c == '.')) + 1 >= minLevels);
        foreach (var (key, state) in laidOut.Where(p => p.State.Split))
        {
            Assert.All(PartitionSplits.ChildrenOf(key).Where(stored.ContainsKey),
                child => Assert.True(laidOut.FindIndex(p => p.Key == child) < laidOut.FindIndex(p => p.Key == key)));
        }

        foreach (var (key, state) in laidOut.Where(p => !p.State.Split && p.Key != partition))
        {
            Assert.All(state.ByRecord.Keys, record =>
                Assert.Equal(key, PartitionSplits.ChildOf(key[..key.LastIndexOf('.')], record, ChildHash.Mixed)));
        }

        Assert.Equal(byRecord.Values.SelectMany(e => e).Select(e => e.MarriageId).Order(),
            PartitionSplits.EntriesOf(partition, stored.GetValueOrDefault).Select(e => e.MarriageId).Order());
    }
}
