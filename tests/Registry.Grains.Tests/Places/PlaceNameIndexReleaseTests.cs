using Registry.Abstractions.Places;
using Registry.Grains.Places;
using Registry.Grains.Tests.Organizations;
using Registry.Hosting.Configuration;

namespace Registry.Grains.Tests.Places;

/// <summary>
/// The organization tests' kind of silo, of its own, whose place-name partitions tick every second (their snapshot
/// timer) and let their entries go after a minute of the bureau clock without a call needing them; the clock is moved
/// by the tests, Orleans' runtime keeps real time.
/// </summary>
public sealed class PlaceNameReleaseFixture : OrganizationClusterFixture
{
    protected override void Configure(RegistryOptions options)
    {
        options.PlaceNameIndex.SnapshotInterval = TimeSpan.FromSeconds(1);
        options.PlaceNameIndex.ReleaseWhenIdle = TimeSpan.FromMinutes(1);
    }
}

/// <summary>
/// A loaded place-name partition that no call has needed for <see cref="PlaceNameIndexOptions.ReleaseWhenIdle"/> lets
/// its entries go and is then as after a restart: a copy is its stored image, a search or write loads it again, and
/// nothing it held is lost. Names are real 街道 of the 2023 division list, at an interior point of their city.
/// </summary>
public sealed class PlaceNameIndexReleaseTests(PlaceNameReleaseFixture fixture) : IClassFixture<PlaceNameReleaseFixture>
{
    private Task<PlaceNamePage> SearchAsync(string text, string division) =>
        fixture.Grains.GetGrain<IPlaceNameSearchGrain>(0)
            .SearchAsync(new PlaceNameQuery(text, null, null, division, null, null, false, false, null, 0, 20));

    private async Task<string> ProposeAsync(string id, string code, string name)
    {
        await Subdistricts.ProposeAsync(fixture.Grains, id, code, name);
        return id;
    }

    /// <summary>An id of the same partition as <paramref name="other"/>.</summary>
    private static string IdBeside(string other, string prefix) =>
        Enumerable.Range(0, 100_000).Select(i => $"{prefix}-{i}")
            .First(id => PlaceNameIndex.PartitionOf(id) == PlaceNameIndex.PartitionOf(other));

    private static List<string> Described(PlaceNamePage page) => page.Items.Select(h =>
        $"{h.Entry.Id}|{h.Entry.Name}|{h.Entry.Romanization}|{h.Entry.DivisionCode}|{h.Entry.Revision}|{h.MatchKind}")
        .ToList();

    /// <summary>
    /// Moves the bureau clock past the idle period and waits, up to a bound, until the partition hands over its stored
    /// image: it has let its entries go. The release is the partition timer's (runtime time, every second), so this
    /// asks again until it has ticked; a copy of a loaded partition is a call that needs its entries, so the clock is
    /// moved on again before each ask.
    /// </summary>
    private async Task<PlaceNamePartitionCopy> ReleasedCopyAsync(IPlaceNameIndexGrain partition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(2));
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
            var copy = await partition.CopyAsync(imageIfNotLoaded: true);
            if (copy.Image is not null || DateTime.UtcNow > deadline)
            {
                return copy;
            }
        }
    }

    [Fact]
    public void Options_ANegativeIdlePeriod_FailsAtStart_AndZeroKeepsPartitionsLoaded()
    {
        var negative = new PlaceNameIndexOptions { ReleaseWhenIdle = TimeSpan.FromSeconds(-1) };
        var zero = new PlaceNameIndexOptions { ReleaseWhenIdle = TimeSpan.Zero };

        var refused = Assert.Throws<InvalidOperationException>(negative.Validate);
        zero.Validate();

        Assert.Contains("Registry:PlaceNameIndex:ReleaseWhenIdle", refused.Message);
        Assert.Equal(TimeSpan.FromMinutes(3), new PlaceNameIndexOptions().ReleaseWhenIdle);
    }

    [Fact]
    public async Task Partition_IdleForItsPeriod_LetsItsEntriesGo_AndLoadsThemAgainWhenACallNeedsThem()
    {
        var first = await ProposeAsync("release-310101002", "310101002", "南京东路街道");
        var partition = fixture.Grains.GetGrain<IPlaceNameIndexGrain>(PlaceNameIndex.PartitionOf(first));
        var before = await SearchAsync("nanjing", "31");
        var loaded = await partition.CopyAsync(imageIfNotLoaded: true); // loaded by the search: no image

        var released = await ReleasedCopyAsync(partition);
        var afterRelease = await SearchAsync("nanjing", "31"); // loads the partition from its snapshot
        var reloaded = await partition.CopyAsync(imageIfNotLoaded: true);

        Assert.Null(loaded.Image);
        Assert.Contains(loaded.Entries, e => e.Id == first);
        Assert.NotNull(released.Image);
        Assert.True(PlaceNameIndexSnapshot.TryDecode(released.Image, 0, out var documents, out _));
        Assert.Contains(documents, d => d.Key == first);
        Assert.Empty(released.Entries); // the snapshot was current: no piece written since it
        Assert.Equal(loaded.Stamp, released.Stamp); // the same activation and version: a replica need not copy again
        Assert.Contains(first, before.Items.Select(h => h.Entry.Id));
        Assert.Equal(Described(before), Described(afterRelease));
        Assert.Null(reloaded.Image);
    }

    [Fact]
    public async Task Partition_ReleasedThenWritten_StoresTheWrite_AndKeepsBothOverARestart()
    {
        var first = await ProposeAsync("release-310106012", "310106012", "南京西路街道");
        var partition = fixture.Grains.GetGrain<IPlaceNameIndexGrain>(PlaceNameIndex.PartitionOf(first));
        _ = await SearchAsync("nanjingxi", "31");
        var released = await ReleasedCopyAsync(partition);

        // A write to the released partition: it loads from its snapshot, stores the entry and tells its version on.
        var second = await ProposeAsync(IdBeside(first, "release-310106013"), "310106013", "静安寺街道");
        var afterWrite = await partition.CopyAsync(imageIfNotLoaded: true);
        await fixture.RestartAsync();
        var afterRestart = await SearchAsync("街道", "310106");

        Assert.NotNull(released.Image);
        Assert.Null(afterWrite.Image);
        Assert.Contains(afterWrite.Entries, e => e.Id == first);
        Assert.Contains(afterWrite.Entries, e => e.Id == second);
        Assert.True(afterWrite.Stamp.Counter > released.Stamp.Counter);
        Assert.Contains(first, afterRestart.Items.Select(h => h.Entry.Id));
        Assert.Contains(second, afterRestart.Items.Select(h => h.Entry.Id));
    }
}
