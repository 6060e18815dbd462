using Registry.Abstractions.Marriages;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Organizations;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

/// <summary>An office's day register stays bounded however much a day brings (an archive imported in a day lists
/// every record it enters): a partition past <see cref="PartitionSplits.MaxRecords"/> records splits into children,
/// and the day still lists every entry.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class OfficeRegisterPartitionTests(MarriageClusterFixture fixture)
{
    [Fact]
    public async Task APartitionPastItsBound_SplitsIntoBoundedChildren_AndListsEveryEntry()
    {
        var (office, day) = (MarriageClusterFixture.NextOffice(), fixture.Today);
        var partition = OfficeDayEntry.KeyOf(office, day, 3);
        var entries = Entries(office, day, "s", PartitionSplits.MaxRecords + 6).ToList();
        var register = fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition);
        foreach (var entry in entries)
        {
            await register.ApplyAsync($"marriage:{entry.MarriageId}", [entry]);
        }

        var parent = await StoredAsync(partition);
        Assert.True(parent!.Split);
        Assert.Empty(parent.ByRecord);
        var children = new List<RecordEntriesState<OfficeDayEntry>>();
        foreach (var child in PartitionSplits.ChildrenOf(partition))
        {
            if (await StoredAsync(child) is { } stored)
            {
                children.Add(stored);
            }
        }

        Assert.All(children, child => Assert.InRange(child.ByRecord.Count, 1, PartitionSplits.MaxRecords));
        Assert.Equal(entries.Count, children.Sum(child => child.ByRecord.Count));
        Assert.Equal(entries.Select(e => e.Reference).Order(),
            (await register.GetEntriesAsync()).Select(e => e.Reference).Order());

        // A record sent again with other entries is replaced where it is, in its child.
        var replaced = entries[0] with { Reference = entries[0].Reference + "-B" };
        await register.ApplyAsync($"marriage:{entries[0].MarriageId}", [replaced]);
        var listed = await register.GetEntriesAsync();
        Assert.Equal(entries.Count, listed.Count);
        Assert.Contains(replaced, listed);
        Assert.DoesNotContain(entries[0], listed);
    }

    [Fact]
    public async Task ABulkPublicationPastTheBound_SplitsThePartition()
    {
        var (office, day) = (MarriageClusterFixture.NextOffice(), fixture.Today);
        var partition = OfficeDayEntry.KeyOf(office, day, 5);
        var byRecord = Entries(office, day, "b", PartitionSplits.MaxRecords * 3)
            .ToDictionary(e => $"marriage:{e.MarriageId}", e => new List<OfficeDayEntry> { e });

        await fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition).ApplyManyAsync(byRecord);

        Assert.True((await StoredAsync(partition))!.Split);
        foreach (var child in PartitionSplits.ChildrenOf(partition))
        {
            Assert.InRange((await StoredAsync(child))?.ByRecord.Count ?? 0, 0, PartitionSplits.MaxRecords);
        }

        Assert.Equal(byRecord.Values.SelectMany(e => e).Select(e => e.Reference).Order(),
            (await fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition).GetEntriesAsync())
                .Select(e => e.Reference).Order());
    }

    /// <summary>Archive entries of <paramref name="count"/> couples at <paramref name="office"/> on
    /// <paramref name="day"/>, each its own record.</summary>
    private static IEnumerable<OfficeDayEntry> Entries(string office, DateOnly day, string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new OfficeDayEntry(OfficeDayEntryKind.ArchiveEntry, office, day,
            $"{prefix}{TestCodes.NextSerial()}-{i}", $"J{office}-2010-{i + 1:000000}", TestPeople.Man(),
            TestPeople.Woman()));

    private Task<RecordEntriesState<OfficeDayEntry>?> StoredAsync(string key) =>
        fixture.StoredStateAsync<RecordEntriesState<OfficeDayEntry>>(StorageNames.OfficeRegister, key);
}
