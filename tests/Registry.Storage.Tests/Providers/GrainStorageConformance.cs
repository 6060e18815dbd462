using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Registry.Storage.Tests.Providers;

/// <summary>
/// What every grain-storage provider the Registry runs on must do, asked of the provider itself
/// (<see cref="IGrainStorage"/>) inside a real silo, so one suite covers the Registry's provider over SQLite and
/// PostgreSQL and the official Orleans Azure Table provider on Azurite: absent state, round trip of the Registry's
/// JSON, optimistic concurrency on the ETag (stale, duplicate first write, racing writers), clearing, large and
/// non-ASCII states, and that a second provider instance (another silo) reads what the first wrote. Each test uses
/// grain ids of its own.
/// </summary>
public abstract class GrainStorageConformance<TSilo>(TSilo silo) : IClassFixture<TSilo>
    where TSilo : GrainStorageSilo
{
    private const string StateName = "division";

    private readonly string scope = Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainStorage Storage => silo.Storage;

    private GrainId Grain(string id) => GrainId.Create("division", $"{scope}-{id}");

    [Fact]
    public async Task ReadState_NothingStored_GivesANewStateWithoutETag()
    {
        var state = new GrainState<DivisionState>(new DivisionState { Name = "leftover" }, "stale");

        await Storage.ReadStateAsync(StateName, Grain("absent"), state, Ct);

        Assert.Equal(("", null, false), (state.State!.Name, state.ETag, state.RecordExists));
    }

    [Fact]
    public async Task WriteState_ThenRead_GivesTheSameStateAndETag()
    {
        var written = new GrainState<DivisionState>(Sample("东城区"));

        await Storage.WriteStateAsync(StateName, Grain("a"), written, Ct);
        var read = await ReadAsync(Grain("a"));

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal((written.ETag, true), (read.ETag, read.RecordExists));
        AssertSame(Sample("东城区"), read.State!);
    }

    [Fact]
    public async Task WriteState_MatchingETag_StoresTheNextVersionUnderANewETag()
    {
        var state = new GrainState<DivisionState>(Sample("v1"));
        await Storage.WriteStateAsync(StateName, Grain("a"), state, Ct);
        var first = state.ETag;

        state.State!.Name = "v2";
        await Storage.WriteStateAsync(StateName, Grain("a"), state, Ct);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal("v2", (await ReadAsync(Grain("a"))).State!.Name);
    }

    [Fact]
    public async Task WriteState_StaleETag_ThrowsInconsistentStateAndKeepsTheStoredState()
    {
        var first = new GrainState<DivisionState>(Sample("v1"));
        await Storage.WriteStateAsync(StateName, Grain("a"), first, Ct);
        var stale = await ReadAsync(Grain("a"));
        first.State!.Name = "v2";
        await Storage.WriteStateAsync(StateName, Grain("a"), first, Ct);

        stale.State!.Name = "lost update";
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(StateName, Grain("a"), stale, Ct));

        var read = await ReadAsync(Grain("a"));
        Assert.Equal(("v2", first.ETag), (read.State!.Name, read.ETag));
    }

    [Fact]
    public async Task WriteState_FirstWriteWhenAStateExists_ThrowsInconsistentState()
    {
        await Storage.WriteStateAsync(StateName, Grain("a"), new GrainState<DivisionState>(Sample("v1")), Ct);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(StateName, Grain("a"), new GrainState<DivisionState>(Sample("other")), Ct));

        Assert.Equal("v1", (await ReadAsync(Grain("a"))).State!.Name);
    }

    [Fact]
    public async Task WriteState_RacingWritersWithTheSameETag_ExactlyOneWins()
    {
        await Storage.WriteStateAsync(StateName, Grain("a"), new GrainState<DivisionState>(Sample("v1")), Ct);
        var etag = (await ReadAsync(Grain("a"))).ETag;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racing = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var state = new GrainState<DivisionState>(Sample($"writer {i}"), etag);
            await start.Task;
            try
            {
                await Storage.WriteStateAsync(StateName, Grain("a"), state, Ct);
                return state.State!.Name;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }, Ct)).ToArray();
        start.SetResult();
        var outcomes = await Task.WhenAll(racing);

        var winner = Assert.Single(outcomes, name => name is not null);
        Assert.Equal(winner, (await ReadAsync(Grain("a"))).State!.Name);
    }

    [Fact]
    public async Task ClearState_MatchingETag_LeavesNoRecordAndAFreshWriteStartsAgain()
    {
        var state = new GrainState<DivisionState>(Sample("v1"));
        await Storage.WriteStateAsync(StateName, Grain("a"), state, Ct);

        await Storage.ClearStateAsync(StateName, Grain("a"), state, Ct);

        Assert.False(state.RecordExists);
        var read = await ReadAsync(Grain("a"));
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State!.Name);
        var again = new GrainState<DivisionState>(Sample("again"), read.ETag);
        await Storage.WriteStateAsync(StateName, Grain("a"), again, Ct);
        Assert.Equal("again", (await ReadAsync(Grain("a"))).State!.Name);
    }

    [Fact]
    public async Task ClearState_StaleETag_ThrowsInconsistentStateAndKeepsTheState()
    {
        var state = new GrainState<DivisionState>(Sample("v1"));
        await Storage.WriteStateAsync(StateName, Grain("a"), state, Ct);
        var stale = new GrainState<DivisionState>(Sample("v1"), state.ETag);
        state.State!.Name = "v2";
        await Storage.WriteStateAsync(StateName, Grain("a"), state, Ct);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.ClearStateAsync(StateName, Grain("a"), stale, Ct));

        Assert.Equal("v2", (await ReadAsync(Grain("a"))).State!.Name);
    }

    [Fact]
    public async Task WriteState_LargeNonAsciiState_RoundTripsExactly()
    {
        // 300 KB of aliases: well above one Azure Table property (64 KB), below an entity (1 MB).
        var aliases = Enumerable.Range(0, 6_000).Select(i => $"别名{i} Zürich \"quoted\" ☃").ToList();
        var big = Sample("大");
        big.Aliases = aliases;
        var written = new GrainState<DivisionState>(big);

        await Storage.WriteStateAsync(StateName, Grain("big"), written, Ct);

        Assert.Equal(aliases, (await ReadAsync(Grain("big"))).State!.Aliases);
    }

    [Fact]
    public async Task WriteState_ReadBySecondSilo_IsTheSameState()
    {
        var written = new GrainState<DivisionState>(Sample("长期"));
        await Storage.WriteStateAsync(StateName, Grain("a"), written, Ct);

        await using var second = await silo.StartAnotherAsync();
        var read = new GrainState<DivisionState>();
        await second.Storage.ReadStateAsync(StateName, Grain("a"), read, Ct);

        Assert.Equal(written.ETag, read.ETag);
        AssertSame(Sample("长期"), read.State!);
    }

    private async Task<GrainState<DivisionState>> ReadAsync(GrainId grain)
    {
        var state = new GrainState<DivisionState>();
        await Storage.ReadStateAsync(StateName, grain, state, Ct);
        return state;
    }

    private static DivisionState Sample(string name) => new()
    {
        Name = name,
        Level = DivisionLevel.County,
        EstablishedOn = new DateOnly(2010, 7, 1),
        Aliases = ["东城区", "Dōngchéng"],
        Population = 708_829,
    };

    private static void AssertSame(DivisionState expected, DivisionState actual) =>
        Assert.Equal((expected.Name, expected.Level, expected.EstablishedOn, expected.Population),
            (actual.Name, actual.Level, actual.EstablishedOn, actual.Population));
}

/// <summary>A real silo (localhost clustering, no grains) holding one grain-storage provider under test.</summary>
public abstract class GrainStorageSilo : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The provider's name in the silo.</summary>
    public const string ProviderName = "conformance";

    private IHost? host;

    public IGrainStorage Storage =>
        host!.Services.GetRequiredKeyedService<IGrainStorage>(ProviderName);

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => host!.Services;

    /// <summary>Registers the provider (and what it needs) under <see cref="ProviderName"/>.</summary>
    protected abstract void AddStorage(ISiloBuilder silo);

    /// <summary>Starts the backend the provider needs (a server process), once per fixture.</summary>
    protected virtual ValueTask StartBackendAsync() => ValueTask.CompletedTask;

    protected virtual ValueTask StopBackendAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await StartBackendAsync();
        host = await StartSiloAsync();
    }

    /// <summary>Another silo over the same backend, with its own provider instance.</summary>
    public async Task<SecondSilo> StartAnotherAsync() => new(await StartSiloAsync());

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await StopBackendAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<IHost> StartSiloAsync()
    {
        var started = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(Servers.LocalPorts.Free(), 0,
                    serviceId: "conformance", clusterId: Guid.NewGuid().ToString("N"));
                AddStorage(silo);
            })
            .Build();
        await started.StartAsync();
        return started;
    }

    /// <summary>A second silo, stopped on dispose.</summary>
    public sealed class SecondSilo(IHost host) : IAsyncDisposable
    {
        public IGrainStorage Storage => host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderName);

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
