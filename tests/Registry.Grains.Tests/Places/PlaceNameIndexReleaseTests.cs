using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Registry.Abstractions.Places;
using Registry.Grains.Places;
using Registry.Grains.Tests.Spatial;
using Registry.Hosting;
using Registry.Hosting.Configuration;

namespace Registry.Grains.Tests.Places;

/// <summary>
/// A silo whose place-name partitions tick every second (their snapshot timer) and let their entries go after a
/// minute of the bureau clock without a call needing them; the clock is moved by the tests, Orleans' runtime keeps
/// real time. Real SQLite storage in a temporary directory.
/// </summary>
public sealed class PlaceNameReleaseFixture : IAsyncLifetime
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-place-release-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Stops the silo and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private InProcessTestCluster Build()
    {
        var options = new RegistryOptions { DataDirectory = directory };
        options.PlaceNameIndex.SnapshotInterval = TimeSpan.FromSeconds(1);
        options.PlaceNameIndex.ReleaseWhenIdle = TimeSpan.FromMinutes(1);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
            silo.AddRegistryRuntime(options);
        });
        return builder.Build();
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
        var spelling = await fixture.Grains.GetGrain<IPlaceSpellingGrain>(0)
            .SuggestAsync(name, PlaceCategory.AdministrativeDivision);
        var outline = ReferenceGeometry.Prefectures.FirstOrDefault(p => p.Valid && p.Code[..4] == code[..4])
            ?? ReferenceGeometry.Provinces.First(p => p.Valid && p.Code[..2] == code[..2]);
        var geometry = PlaceGeometry.Write(ReferenceGeometry.InteriorPoint(outline.Geometry));
        await fixture.Grains.GetGrain<IPlaceNameGrain>(id).ProposeAsync(new ProposePlaceName(name,
            spelling.Romanization, PlaceCategory.AdministrativeDivision, code, geometry, null, null));
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
