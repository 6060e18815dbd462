using Registry.Abstractions.Marriages;
using Registry.Storage;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Persons;
using Registry.Grains.Tests.Publishing;

namespace Registry.Grains.Tests.Marriages;

/// <summary>An office's day register stays bounded however much a day brings (an archive imported in a day lists
/// every record it enters): a partition past <see cref="PartitionSplits.MaxRecords"/> records splits into children,
/// they in turn, and the day still lists every entry. The records sent are the partition's own (marriages whose ids
/// fall in it), as a register receives them.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class OfficeRegisterPartitionTests(MarriageClusterFixture fixture)
{
    private const int Partition = 3;

    [Fact]
    public async Task APartitionPastItsBound_SplitsIntoBoundedChildren_AndListsEveryEntry()
    {
        var (office, day) = (MarriageClusterFixture.NextOffice(), fixture.Today);
        var partition = OfficeDayEntry.KeyOf(office, day, Partition);
        var entries = Entries(office, day, PartitionSplits.MaxRecords + 6).ToList();
        var register = fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition);
        foreach (var entry in entries)
        {
            await register.ApplyAsync($"marriage:{entry.MarriageId}", [entry]);
        }

        var parent = await StoredAsync(partition);
        Assert.True(parent!.Split);
        Assert.Equal(ChildHash.Mixed, parent.Children);
        Assert.Empty(parent.ByRecord);
        var leaves = await LeavesAsync(partition, depth: 1);
        Assert.All(leaves, leaf => Assert.InRange(leaf.Records, 0, PartitionSplits.MaxRecords));
        Assert.Equal(entries.Count, leaves.Sum(leaf => leaf.Records));
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

    /// <summary>An archive's day: more of the partition's records in one bulk publication than its children can
    /// hold, so they split too, and none of the tree holds more than the bound.</summary>
    [Fact]
    public async Task ABulkPublicationPastWhatItsChildrenHold_SplitsTwoLevels_EachPartitionBounded()
    {
        var (office, day) = (MarriageClusterFixture.NextOffice(), fixture.Today);
        var partition = OfficeDayEntry.KeyOf(office, day, Partition);
        var count = PartitionSplits.MaxRecords * PartitionSplits.Fanout * 2;
        var byRecord = Entries(office, day, count)
            .ToDictionary(e => $"marriage:{e.MarriageId}", e => new List<OfficeDayEntry> { e });

        await fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition).ApplyManyAsync(byRecord);

        var leaves = await LeavesAsync(partition, depth: 3);
        Assert.All(leaves, leaf => Assert.InRange(leaf.Records, 0, PartitionSplits.MaxRecords));
        Assert.Contains(leaves, leaf => leaf.Key.Count(c => c == '.') == 2);
        Assert.Equal(count, leaves.Sum(leaf => leaf.Records));
        Assert.Equal(byRecord.Values.SelectMany(e => e).Select(e => e.Reference).Order(),
            (await fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition).GetEntriesAsync())
                .Select(e => e.Reference).Order());
    }

    /// <summary>
    /// A partition stored before splits recorded their hash, whose split by the low bits a crash cut short: its children
    /// by the low bits hold copies of its records (unread while it is unsplit), and of one it has removed since. Its
    /// next split goes by the mixed hash and sets its children whole, so the day lists each record it holds once and
    /// the removed one not at all.
    /// </summary>
    [Fact]
    public async Task ASplitByTheLowBitsCutShortBeforeTheHashWasRecorded_IsRedoneWithoutItsCopies()
    {
        var (office, day) = (MarriageClusterFixture.NextOffice(), fixture.Today);
        var partition = OfficeDayEntry.KeyOf(office, day, Partition);
        var entries = Entries(office, day, PartitionSplits.MaxRecords + 2).ToList();
        var removed = entries[^1];
        entries.RemoveAt(entries.Count - 1);
        var held = entries.Take(PartitionSplits.MaxRecords)
            .ToDictionary(e => $"marriage:{e.MarriageId}", e => new List<OfficeDayEntry> { e }, StringComparer.Ordinal);
        // The cut-short split: the children by the low bits written (the removed record then still held), the parent
        // stored as it is now, with no hash.
        var copied = new Dictionary<string, List<OfficeDayEntry>>(held)
        {
            [$"marriage:{removed.MarriageId}"] = [removed],
        };
        foreach (var child in copied.GroupBy(r => PartitionSplits.ChildOf(partition, r.Key, ChildHash.LowBits)))
        {
            await fixture.Grains.GetGrain<IOfficeRegisterGrain>(child.Key)
                .ApplyManyAsync(child.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal));
        }

        var stored = new GrainStateKey(StorageNames.OfficeRegister,
            GrainId.Create(StorageNames.OfficeRegister, partition).ToString());
        await fixture.Store.WriteAsync(stored, null, System.Text.Json.JsonSerializer.Serialize(
            new RecordEntriesState<OfficeDayEntry> { ByRecord = held }, RegistryJson.StateOptions));
        Assert.DoesNotContain("Children", (await fixture.Store.ReadAsync(stored))!.StateJson, StringComparison.Ordinal);

        var register = fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition);
        await register.ApplyAsync($"marriage:{entries[^1].MarriageId}", [entries[^1]]);

        Assert.Equal(ChildHash.Mixed, (await StoredAsync(partition))!.Children);
        Assert.Equal(entries.Select(e => e.Reference).Order(),
            (await register.GetEntriesAsync()).Select(e => e.Reference).Order());
    }

    /// <summary>
    /// A split by the mixed hash that a crash cut short (the children written, the parent not yet marked split), after
    /// which the partition, still unsplit, let one record go: its next split sets each child to exactly the records it
    /// holds, so the copy of the record it let go is not read again.
    /// </summary>
    [Fact]
    public async Task ASplitCutShort_ThenARecordRemoved_TheNextSplitDoesNotBringItBack()
    {
        var (office, day) = (MarriageClusterFixture.NextOffice(), fixture.Today);
        var partition = OfficeDayEntry.KeyOf(office, day, Partition);
        var entries = Entries(office, day, PartitionSplits.MaxRecords + 2).ToList();
        var held = entries.Take(PartitionSplits.MaxRecords)
            .ToDictionary(e => $"marriage:{e.MarriageId}", e => new List<OfficeDayEntry> { e }, StringComparer.Ordinal);
        foreach (var child in held.GroupBy(r => PartitionSplits.ChildOf(partition, r.Key, ChildHash.Mixed)))
        {
            await fixture.Grains.GetGrain<IOfficeRegisterGrain>(child.Key)
                .ApplyManyAsync(child.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal));
        }

        await fixture.Store.WriteAsync(new GrainStateKey(StorageNames.OfficeRegister,
                GrainId.Create(StorageNames.OfficeRegister, partition).ToString()), null,
            System.Text.Json.JsonSerializer.Serialize(
                new RecordEntriesState<OfficeDayEntry> { ByRecord = held, Children = ChildHash.Mixed },
                RegistryJson.StateOptions));

        var register = fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition);
        await register.ApplyAsync($"marriage:{entries[0].MarriageId}", []);
        Assert.False((await StoredAsync(partition))!.Split);
        await register.ApplyManyAsync(entries.TakeLast(2).ToDictionary(e => $"marriage:{e.MarriageId}",
            e => new List<OfficeDayEntry> { e }, StringComparer.Ordinal));

        Assert.True((await StoredAsync(partition))!.Split);
        Assert.Equal(entries.Skip(1).Select(e => e.Reference).Order(),
            (await register.GetEntriesAsync()).Select(e => e.Reference).Order());
    }

    /// <summary>Archive entries of <paramref name="count"/> couples at <paramref name="office"/> on
    /// <paramref name="day"/>, each its own record, whose ids fall in partition <see cref="Partition"/>.</summary>
    private static IEnumerable<OfficeDayEntry> Entries(string office, DateOnly day, int count) =>
        Enumerable.Range(0, int.MaxValue).Select(_ => Guid.NewGuid().ToString("N"))
            .Where(id => OfficeDayEntry.PartitionOf(id) == Partition).Take(count)
            .Select((id, i) => new OfficeDayEntry(OfficeDayEntryKind.ArchiveEntry, office, day, id,
                $"J{office}-2010-{i + 1:000000}", TestPeople.Man(), TestPeople.Woman()));

    private Task<List<(string Key, int Records)>> LeavesAsync(string key, int depth) =>
        StoredSplits.LeavesAsync(key, depth, StoredAsync,
            state => (state.Split, state.Children, state.ByRecord.Count));

    private Task<RecordEntriesState<OfficeDayEntry>?> StoredAsync(string key) =>
        fixture.StoredStateAsync<RecordEntriesState<OfficeDayEntry>>(StorageNames.OfficeRegister, key);
}
