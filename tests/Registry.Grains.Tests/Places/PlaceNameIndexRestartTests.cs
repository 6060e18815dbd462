using Microsoft.Extensions.DependencyInjection;
using Registry.Abstractions.Places;
using Registry.Grains.Indexing;
using Registry.Grains.Places;
using Registry.Grains.Tests.Organizations;
using Registry.Storage;

namespace Registry.Grains.Tests.Places;

/// <summary>
/// The place-name index starts from its own stored pieces, never from the place-name records, except once when it
/// has none (a data directory from before). Runs on the organization tests' silo, which counts the scans of stored
/// records and can be restarted on the same database; names are real 街道 of the 2023 division list with the
/// spelling the registry suggests, at the GeoNames point of their city.
/// </summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class PlaceNameIndexRestartTests(OrganizationClusterFixture fixture)
{
    private Task<PlaceNamePage> SearchAsync(string text, string division) =>
        fixture.Grains.GetGrain<IPlaceNameSearchGrain>(0)
            .SearchAsync(new PlaceNameQuery(text, null, null, division, null, null, false, false, null, 0, 20));

    /// <summary>What a test compares of a hit (the entry's lists are compared by content, not reference).</summary>
    private static List<string> Described(PlaceNamePage page) => page.Items.Select(h =>
        $"{h.Entry.Id}|{h.Entry.Name}|{h.Entry.Romanization}|{h.Entry.DivisionCode}|{h.Entry.Status}|{h.Entry.Revision}|" +
        $"{h.Entry.X},{h.Entry.Y}|{string.Join(",", h.Entry.OtherNames)}|{h.MatchedName}|{h.MatchKind}|{h.MatchQuality}").ToList();

    private Task<List<string>> ProposeAsync(params (string Code, string Name)[] subdistricts) =>
        ProposeAsync(code => $"restart-{code}", subdistricts);

    private async Task<List<string>> ProposeAsync(Func<string, string> idOf, params (string Code, string Name)[] subdistricts)
    {
        var ids = new List<string>();
        foreach (var (code, name) in subdistricts)
        {
            var id = idOf(code);
            await Subdistricts.ProposeAsync(fixture.Grains, id, code, name);
            ids.Add(id);
        }

        return ids;
    }

    [Fact]
    public async Task Index_AfterARestart_StartsFromItsOwnStoredEntries_WithoutReadingTheRecords()
    {
        var ids = await ProposeAsync(("310101002", "南京东路街道"), ("310106012", "南京西路街道"));
        var before = await SearchAsync("nanjing", "31"); // every partition is active, so each has its checkpoint

        await fixture.RestartAsync();
        var afterRestart = await SearchAsync("nanjing", "31");
        var byCharacters = await SearchAsync("南京东路", "31");

        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.PlaceName));
        Assert.Equal(ids.Order(), before.Items.Select(h => h.Entry.Id).Order());
        Assert.Equal(Described(before), Described(afterRestart));
        Assert.Equal(ids[0], byCharacters.Items[0].Entry.Id);
    }

    [Fact]
    public async Task Index_WithoutStoredEntries_BuildsFromTheRecordsOnce_ThenNeverAgain()
    {
        var ids = await ProposeAsync(("220204002", "南京街道"), ("230111011", "南京路街道"));
        var before = await SearchAsync("nanjing", "2");

        // A data directory written before the index stored itself: records, but no index state at all.
        var store = fixture.SiloServices.GetRequiredService<IGrainStateStore>();
        foreach (var stateName in new[] { StorageNames.PlaceNameIndex, StorageNames.PlaceNameIndexPiece })
        {
            await foreach (var key in store.ListKeysAsync(stateName))
            {
                var stored = await store.ReadAsync(key);
                await store.ClearAsync(key, stored!.ETag);
            }
        }

        await fixture.RestartAsync();
        var firstStart = await SearchAsync("nanjing", "2");
        var firstStartScans = fixture.StoredRecords.ScansOf(StorageNames.PlaceName);
        await fixture.RestartAsync();
        var secondStart = await SearchAsync("nanjing", "2");

        Assert.Equal(PlaceNameIndex.PartitionCount, firstStartScans);
        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.PlaceName));
        Assert.Equal(ids.Order(), before.Items.Select(h => h.Entry.Id).Order());
        Assert.Equal(Described(before), Described(firstStart));
        Assert.Equal(Described(before), Described(secondStart));
    }

    [Fact]
    public async Task Rebuild_AskedBeforeABuildThatHasSinceCompleted_IsAnsweredByIt_WithoutReadingTheRecordsAgain()
    {
        // A client that retries a rebuild after a timeout: its second ask, queued behind the first ask's build, must
        // not make a second full build; an ask made after that build began does.
        var ids = await ProposeAsync(code => $"rebuild-{code}", ("120101001", "劝业场街道"));
        var partition = fixture.Grains.GetGrain<IPlaceNameIndexGrain>(PlaceNameIndex.PartitionOf(ids[0]));
        var firstAsk = fixture.Clock.Now;
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var secondAsk = fixture.Clock.Now;

        var built = await partition.RebuildAsync(secondAsk);
        var scansAfterTheBuild = fixture.StoredRecords.ScansOf(StorageNames.PlaceName);
        var answeredByIt = await partition.RebuildAsync(firstAsk);
        var scansAfterTheEarlierAsk = fixture.StoredRecords.ScansOf(StorageNames.PlaceName);
        var builtAgain = await partition.RebuildAsync(fixture.Clock.Now);

        Assert.Equal(built, answeredByIt);
        Assert.Equal(built, builtAgain);
        Assert.Equal(scansAfterTheBuild, scansAfterTheEarlierAsk);
        Assert.Equal(scansAfterTheEarlierAsk + 1, fixture.StoredRecords.ScansOf(StorageNames.PlaceName));
        Assert.Contains(ids[0], (await SearchAsync("劝业场", "12")).Items.Select(h => h.Entry.Id));
    }

    [Fact]
    public async Task Index_LoadedAfterARestart_StoresANewEntryInAnAlreadyStoredPiece_AndKeepsItOverTheNextRestart()
    {
        var first = await ProposeAsync(("310101013", "外滩街道"));
        _ = await SearchAsync("waitan", "31");
        await fixture.RestartAsync();
        _ = await SearchAsync("waitan", "31"); // the partitions load their stored pieces, in one read each

        // An id in the very piece of the first name: its write must present the ETag that the load read.
        var sibling = await ProposeAsync(code => Enumerable.Range(0, 1_000_000).Select(i => $"restart-{code}-{i}")
            .First(id => PlaceNameIndex.PartitionOf(id) == PlaceNameIndex.PartitionOf(first[0])
                && PlaceNameIndex.PieceOf(id) == PlaceNameIndex.PieceOf(first[0])), ("310101015", "半淞园路街道"));
        var beforeRestart = await SearchAsync("街道", "310101");
        await fixture.RestartAsync();
        var afterRestart = await SearchAsync("街道", "310101");

        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.PlaceName));
        Assert.Contains(first[0], afterRestart.Items.Select(h => h.Entry.Id));
        Assert.Contains(sibling[0], afterRestart.Items.Select(h => h.Entry.Id));
        Assert.Equal(Described(beforeRestart), Described(afterRestart));
    }
    [Fact]
    public async Task Index_StoppedAfterAWriteBeforeItsNextSnapshot_StartsFromTheSnapshotAndFindsTheWrite()
    {
        var first = await ProposeAsync(("310104003", "天平路街道"));
        _ = await SearchAsync("tianpinglu", "31");
        await fixture.RestartAsync();
        _ = await SearchAsync("tianpinglu", "31"); // every partition starts from its snapshot (taken when it loaded)

        // Written after the snapshots and stopped before the next (the fixture's interval outlasts the test): the
        // name is in a stored piece only, which the checkpoint lists as changed since the snapshot.
        var later = await ProposeAsync(("310104014", "徐家汇街道"));
        var partition = PlaceNameIndex.PartitionOf(later[0]);
        var snapshot = await StoredSnapshotAsync(partition);
        var beforeRestart = await SearchAsync("街道", "310104");
        await fixture.RestartAsync();
        var afterRestart = await SearchAsync("街道", "310104");
        var byCharacters = await SearchAsync("徐家汇", "310104");

        var restored = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
        // Stored packed: what storage holds is not the image itself, and reads as it.
        Assert.NotEqual(IndexImage.Unpack(snapshot.Image), snapshot.Image);
        Assert.True(PlaceNameIndexSnapshot.IsCurrent(snapshot.Image));
        Assert.True(PlaceNameIndexSnapshot.TryRead(snapshot.Image, restored));
        Assert.Null(restored.Get(later[0]));
        Assert.Equal(0, fixture.StoredRecords.ScansOf(StorageNames.PlaceName));
        Assert.Contains(first[0], afterRestart.Items.Select(h => h.Entry.Id));
        Assert.Contains(later[0], afterRestart.Items.Select(h => h.Entry.Id));
        Assert.Equal(Described(beforeRestart), Described(afterRestart));
        Assert.Equal(later[0], Assert.Single(byCharacters.Items).Entry.Id);
    }

    [Fact]
    public async Task Copy_OfAPartitionNotLoadedSinceARestart_IsItsStoredImageAndTheEntriesWrittenSince()
    {
        var first = await ProposeAsync(("310105008", "仙霞新村街道"));
        _ = await SearchAsync("xianxia", "31"); // every partition loaded (each stored a snapshot when it first loaded)
        var later = await ProposeAsync(("310105009", "虹桥街道")); // after the snapshots: in a piece listed as changed
        await fixture.RestartAsync();
        var grain = fixture.Grains.GetGrain<IPlaceNameIndexGrain>(PlaceNameIndex.PartitionOf(later[0]));

        var copy = await grain.CopyAsync(imageIfNotLoaded: true);
        var again = await grain.CopyAsync(imageIfNotLoaded: true); // a second reader: the image is read again
        var full = await grain.CopyAsync(); // loads the partition, as a write or search would

        // The partition let go of its image once handed over, and read it again for the load: it started from the
        // snapshot, not from every stored piece.
        Assert.Equal(0, fixture.StoredRecords.PrefixReadsOf(StorageNames.PlaceNameIndexPiece));
        Assert.Equal(copy.Image, again.Image);
        Assert.NotNull(copy.Image);
        Assert.Empty(copy.Postings);
        Assert.True(PlaceNameIndexSnapshot.TryDecode(copy.Image, 0, out var documents, out _));
        Assert.DoesNotContain(documents, d => d.Key == later[0]);
        Assert.Contains(copy.Entries, e => e.Id == later[0]);
        var joined = documents.ToDictionary(d => d.Key, d => d.Revision);
        foreach (var (entry, version) in copy.Entries.Zip(copy.Versions))
        {
            joined[entry.Id] = Math.Max(version, joined.GetValueOrDefault(entry.Id, long.MinValue));
        }

        Assert.Null(full.Image);
        Assert.Equal(full.Entries.Select((e, i) => (e.Id, full.Versions[i])).OrderBy(e => e.Id, StringComparer.Ordinal),
            joined.Select(e => (e.Key, e.Value)).OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Contains(first[0], (await SearchAsync("xianxia", "31")).Items.Select(h => h.Entry.Id));
        Assert.Contains(later[0], (await SearchAsync("hongqiao", "31")).Items.Select(h => h.Entry.Id));
    }

    [Fact]
    public async Task Snapshot_OfAPartition_RestoresEveryEntryAndPostingAsTheTermsWouldBuildThem()
    {
        var ids = await ProposeAsync(("310105001", "华阳路街道"), ("310105002", "江苏路街道"));
        _ = await SearchAsync("huayanglu", "31");
        var entries = await Task.WhenAll(ids.Select(id => fixture.Grains.GetGrain<IPlaceNameGrain>(id).IndexEntryAsync()));
        var built = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
        foreach (var entry in entries)
        {
            built.Put(entry!.Id, PlaceNameIndex.VersionOf(entry), entry);
        }

        var restored = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
        var image = PlaceNameIndexSnapshot.Write(built);

        Assert.True(PlaceNameIndexSnapshot.TryRead(image, restored));
        Assert.Equal(Json(built.Documents()), Json(restored.Documents()));
        Assert.Equal(Json(built.Postings.OrderBy(p => p.Key, StringComparer.Ordinal)),
            Json(restored.Postings.OrderBy(p => p.Key, StringComparer.Ordinal)));
        Assert.False(PlaceNameIndexSnapshot.TryRead(image[..^1], restored));
        Assert.Equal(0, restored.Count);
    }

    [Fact]
    public async Task Images_OfTwoPartitions_JoinAsOneIndexOfTheirEntriesInOrder()
    {
        // Four Changning divisions (2023 list), two in each image: the lists of 街道 (and jiedao) are joined from both.
        var ids = await ProposeAsync(("310105005", "周家桥街道"), ("310105010", "程家桥街道"),
            ("310105011", "北新泾街道"), ("310105102", "新泾镇"));
        var entries = (await Task.WhenAll(ids.Select(id => fixture.Grains.GetGrain<IPlaceNameGrain>(id).IndexEntryAsync())))
            .Select(e => e!).ToList();
        PostingIndex<PlaceNameIndexEntry> Built(IEnumerable<PlaceNameIndexEntry> some)
        {
            var index = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
            foreach (var entry in some)
            {
                index.Put(entry.Id, PlaceNameIndex.VersionOf(entry), entry);
            }

            return index;
        }

        var images = new[] { PlaceNameIndexSnapshot.Write(Built(entries[..2])), PlaceNameIndexSnapshot.Write(Built(entries[2..])) };
        var whole = Built(entries);

        Assert.True(PlaceNameIndexSnapshot.TryDecodeJoined(images, out var documents, out var postings));
        var restored = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
        restored.Restore(documents, postings);
        Assert.Equal(Json(whole.Documents()), Json(restored.Documents()));
        Assert.Equal(Json(whole.Postings.OrderBy(p => p.Key, StringComparer.Ordinal)),
            Json(restored.Postings.OrderBy(p => p.Key, StringComparer.Ordinal)));
        Assert.Contains(restored.Postings, p => p.Value.Count == 3);
        Assert.False(PlaceNameIndexSnapshot.TryDecodeJoined([images[0], images[1][..^1]], out _, out _));
    }

    [Fact]
    public async Task Snapshot_OfNamesWithCharactersOutsideTheBasicPlane_KeepsEveryTermApart()
    {
        // Two official village names (2023 list, 451302107210 and 420602006207) each with a character outside the
        // Basic Multilingual Plane: their character pairs hold half of it, and the two halves differ. Written as UTF-8
        // both read back as the same replacement character, and one of the two posting lists was lost.
        var ids = await ProposeAsync(("310105006", "天山路街道"));
        var entry = (await fixture.Grains.GetGrain<IPlaceNameGrain>(ids[0]).IndexEntryAsync())!;
        var built = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
        foreach (var (id, name) in new[] { ("v-451302107210", "那𡌶村委会"), ("v-420602006207", "莫𡐓村委会") })
        {
            var village = entry with { Id = id, Name = name, SearchName = name };
            built.Put(village.Id, PlaceNameIndex.VersionOf(village), village);
        }

        var image = PlaceNameIndexSnapshot.Write(built);
        var restored = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);

        Assert.True(PlaceNameIndexSnapshot.TryRead(image, restored));
        Assert.Equal(Json(built.Postings.OrderBy(p => p.Key, StringComparer.Ordinal)),
            Json(restored.Postings.OrderBy(p => p.Key, StringComparer.Ordinal)));
        Assert.True(PlaceNameIndexSnapshot.TryDecode(image, 0, out _, out var postings));
        Assert.Equal(postings.Count, postings.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// An image keeps its posting lists in ordinal order of their terms, so a process's copy joins the images by
    /// merging them: joined, every term comes once and in that order; an image whose terms are out of order is
    /// refused rather than joined wrongly.
    /// </summary>
    [Fact]
    public async Task Snapshot_KeepsItsTermsInOrdinalOrder_AndImagesOutOfOrderAreRefused()
    {
        var ids = await ProposeAsync(("310107005", "曹杨新村街道"), ("310107014", "长风新村街道"), ("310107015", "长寿路街道"));
        var entries = (await Task.WhenAll(ids.Select(id => fixture.Grains.GetGrain<IPlaceNameGrain>(id).IndexEntryAsync())))
            .Select(e => e!).ToList();
        var images = entries.Select(entry =>
        {
            var index = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
            index.Put(entry.Id, PlaceNameIndex.VersionOf(entry), entry);
            return PlaceNameIndexSnapshot.Write(index);
        }).ToList();

        Assert.True(PlaceNameIndexSnapshot.TryDecodeJoined(images, out _, out var postings));
        var terms = postings.Select(p => p.Key).ToList();
        Assert.Equal(terms.Order(StringComparer.Ordinal), terms);
        Assert.Equal(terms.Count, terms.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(postings, p => p.Value.Count == 3); // 街道 in all three

        // The first two terms of the first image swapped: each is a two-character pair here, with one id.
        Assert.True(PlaceNameIndexSnapshot.TryDecode(images[0], 0, out _, out var own));
        var swapped = Swapped(images[0], own[0].Key, own[1].Key);
        Assert.False(PlaceNameIndexSnapshot.TryDecodeJoined([swapped, images[1]], out _, out _));
    }

    /// <summary>The image with its first two posting lists (each term then its one id) in each other's place.</summary>
    private static byte[] Swapped(byte[] image, string first, string second)
    {
        static byte[] List(string term) =>
            [(byte)term.Length, .. System.Runtime.InteropServices.MemoryMarshal.AsBytes(term.AsSpan()).ToArray(), 1, 1];
        var a = List(first);
        var b = List(second);
        var at = image.AsSpan().IndexOf(a.Concat(b).ToArray());
        Assert.True(at > 0, "the first two lists were not found where expected");
        var swapped = image.ToArray();
        b.CopyTo(swapped, at);
        a.CopyTo(swapped, at + b.Length);
        return swapped;
    }

    [Fact]
    public async Task Snapshot_ATextEntriesRepeat_IsRestoredOnceAndShared()
    {
        var ids = await ProposeAsync(("310105004", "新华路街道"));
        var entry = (await fixture.Grains.GetGrain<IPlaceNameGrain>(ids[0]).IndexEntryAsync())!;
        // A second entry with equal texts held in strings of its own, as entries read from the records are.
        var twin = entry with { Id = entry.Id + "-twin", LocationDescription = new string(entry.LocationDescription.AsSpan()) };
        var built = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
        built.Put(entry.Id, PlaceNameIndex.VersionOf(entry), entry);
        built.Put(twin.Id, PlaceNameIndex.VersionOf(twin), twin);
        Assert.NotSame(entry.LocationDescription, twin.LocationDescription);

        var restored = new PostingIndex<PlaceNameIndexEntry>(PlaceNameIndex.Terms);
        Assert.True(PlaceNameIndexSnapshot.TryRead(PlaceNameIndexSnapshot.Write(built), restored));

        Assert.Same(restored.Get(entry.Id)!.LocationDescription, restored.Get(twin.Id)!.LocationDescription);
        Assert.Equal(entry.LocationDescription, restored.Get(twin.Id)!.LocationDescription);
    }

    private static string Json<T>(T value) =>
        System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { IncludeFields = true });

    private async Task<IndexSnapshotState> StoredSnapshotAsync(int partition)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(StorageNames.Provider);
        var state = new GrainState<IndexSnapshotState>(new IndexSnapshotState());
        await storage.ReadStateAsync(StorageNames.PlaceNameIndexSnapshot,
            fixture.Grains.GetGrain<IPlaceNameIndexGrain>(partition).GetGrainId(), state);
        return state.State!;
    }
}
