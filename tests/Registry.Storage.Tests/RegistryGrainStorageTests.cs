using System.Reflection;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Abstractions.Persons;
using Registry.Storage.Sqlite;

namespace Registry.Storage.Tests;

/// <summary>The Orleans provider over a real SQLite store, without a cluster.</summary>
public sealed class RegistryGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "division";
    private static readonly GrainId Grain = GrainId.Create("division", "110101");
    private static readonly GrainStateKey StoredKey = new(StateName, "division/110101");

    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteGrainStateStore store;
    private readonly RegistryGrainStorage storage;

    public RegistryGrainStorageTests()
    {
        store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        storage = new RegistryGrainStorage("registry", store);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await store.InitializeAsync(Ct);

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public void StoredKey_OfGrain_IsTypeSlashKey()
    {
        Assert.Equal(StoredKey.GrainId, Grain.ToString());
    }

    [Fact]
    public async Task ReadStateAsync_NothingStored_GivesNewStateAndNoRecord()
    {
        var state = new GrainState<DivisionState>(new DivisionState { Name = "leftover" }, "stale-etag")
        {
            RecordExists = true,
        };

        await storage.ReadStateAsync(StateName, Grain, state, Ct);

        var empty = Assert.IsType<DivisionState>(state.State);
        Assert.Equal(string.Empty, empty.Name);
        Assert.Empty(empty.Aliases);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Theory]
    [InlineData("东城区\0")]
    [InlineData("\0")]
    public async Task WriteStateAsync_TextWithNulCharacter_IsRefusedAsInvalidAndNothingStored(string name)
    {
        var written = new GrainState<DivisionState>(new DivisionState { Name = name });

        var error = await Assert.ThrowsAsync<Registry.Abstractions.Errors.DomainException>(() =>
            storage.WriteStateAsync(StateName, Grain, written, Ct));

        Assert.Equal(RegistryGrainStorage.NulCharacterRule, error.Rule);
        Assert.Null(await store.ReadAsync(StoredKey, Ct));
    }

    [Fact]
    public async Task WriteStateAsync_EscapedBackslashBeforeU0000_IsStored()
    {
        // The text \u0000 (a backslash, then "u0000") is no NUL character.
        var written = new GrainState<DivisionState>(new DivisionState { Name = "\\u0000" });

        await storage.WriteStateAsync(StateName, Grain, written, Ct);

        Assert.NotNull(await store.ReadAsync(StoredKey, Ct));
    }

    [Fact]
    public async Task WriteStateAsync_ThenRead_RoundTripsAsPlainJson()
    {
        var written = new GrainState<DivisionState>(SampleState());

        await storage.WriteStateAsync(StateName, Grain, written, Ct);
        var read = new GrainState<DivisionState>();
        await storage.ReadStateAsync(StateName, Grain, read, Ct);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        var loaded = Assert.IsType<DivisionState>(read.State);
        Assert.Equal(SampleState().Name, loaded.Name);
        Assert.Equal(SampleState().Level, loaded.Level);
        Assert.Equal(SampleState().EstablishedOn, loaded.EstablishedOn);
        Assert.Equal(SampleState().Aliases, loaded.Aliases);
        Assert.Equal(SampleState().Population, loaded.Population);

        var json = (await store.ReadAsync(StoredKey, Ct))!.StateJson;
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(DivisionState), json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Dongcheng\"", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"County\"", json, StringComparison.Ordinal);
        Assert.Contains("\"establishedOn\":\"2010-07-01\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteStateAsync_OneAfterAnother_StoresEachAsTheSerializerWritesItAsText()
    {
        // A long state (compressed; the writing thread's buffer grows), then shorter ones written over the same
        // buffer: each is stored as exactly its own text, escapes and all.
        var states = new[]
        {
            new DivisionState { Name = "东城区", Aliases = [.. Enumerable.Range(0, 400).Select(i => $"东城区 {i}")] },
            SampleState(),
            new DivisionState { Name = "\"东城区\" \\ <&> \u0001 \u2028 \ud840\udc00", EstablishedOn = new DateOnly(2010, 7, 1) },
            new DivisionState(),
        };

        for (var i = 0; i < states.Length; i++)
        {
            await storage.WriteStateAsync(StateName, GrainId.Create("division", $"{i}"),
                new GrainState<DivisionState>(states[i]), Ct);

            var stored = await store.ReadAsync(new GrainStateKey(StateName, $"division/{i}"), Ct);
            Assert.Equal(JsonSerializer.Serialize(states[i], RegistryJson.StateOptions), stored?.StateJson);
        }
    }

    /// <summary>A write the store refuses after the grain's turn has moved on (the provider's awaits do not go back
    /// to the grain's scheduler) still deactivates that grain, known when the write began: its memory holds a change
    /// that is not stored.</summary>
    [Fact]
    public async Task WriteStateAsync_RefusedAfterTheCallReturnedItsTask_DeactivatesTheGrainThatWrote()
    {
        var refusal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var grain = DispatchProxy.Create<IGrainContext, RecordingGrainContext>();
        var accessor = new TurnAccessor(grain);
        var provider = new RegistryGrainStorage("registry", new RefusingStore(refusal.Task), null, accessor);

        accessor.OnGrainsTurn = true;
        var write = provider.WriteStateAsync(StateName, Grain, new GrainState<DivisionState>(SampleState()), Ct);
        accessor.OnGrainsTurn = false; // the grain's thread is elsewhere by the time the store answers
        refusal.SetException(new IOException("No space left on device"));

        await Assert.ThrowsAsync<Registry.Abstractions.Errors.StorageUnavailableException>(() => write);
        Assert.Equal(["Deactivate"], ((RecordingGrainContext)(object)grain).Calls);
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateException()
    {
        var first = new GrainState<DivisionState>();
        var second = new GrainState<DivisionState>();
        await storage.WriteStateAsync(StateName, Grain, new GrainState<DivisionState>(SampleState()), Ct);
        await storage.ReadStateAsync(StateName, Grain, first, Ct);
        await storage.ReadStateAsync(StateName, Grain, second, Ct);
        Assert.IsType<DivisionState>(first.State).Name = "first";
        await storage.WriteStateAsync(StateName, Grain, first, Ct);

        Assert.IsType<DivisionState>(second.State).Name = "second";
        var staleETag = second.ETag;
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StateName, Grain, second, Ct));

        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Equal(staleETag, error.CurrentEtag);
        var read = new GrainState<DivisionState>();
        await storage.ReadStateAsync(StateName, Grain, read, Ct);
        Assert.Equal("first", Assert.IsType<DivisionState>(read.State).Name);
    }

    [Fact]
    public async Task ClearStateAsync_AfterWrite_ResetsStateAndRemovesTheStoredRow()
    {
        var state = new GrainState<DivisionState>(SampleState());
        await storage.WriteStateAsync(StateName, Grain, state, Ct);

        await storage.ClearStateAsync(StateName, Grain, state, Ct);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(string.Empty, Assert.IsType<DivisionState>(state.State).Name);
        Assert.Null(await store.ReadAsync(StoredKey, Ct));

        await storage.WriteStateAsync(StateName, Grain, state, Ct);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task Participate_SiloStart_InitializesTheStore()
    {
        using var fresh = new SqliteGrainStateStore(Path.Combine(directory, "fresh", "registry.db"));
        var provider = new RegistryGrainStorage("registry", fresh);
        var lifecycle = new RecordingSiloLifecycle();
        await Assert.ThrowsAnyAsync<Exception>(() => fresh.ReadAsync(StoredKey, Ct));

        provider.Participate(lifecycle);
        var (stage, observer) = Assert.Single(lifecycle.Observers);
        await observer.OnStart(Ct);

        Assert.Equal(ServiceLifecycleStage.ApplicationServices, stage);
        Assert.Null(await fresh.ReadAsync(StoredKey, Ct));
    }

    private static DivisionState SampleState() => new()
    {
        Name = "Dongcheng",
        Level = DivisionLevel.County,
        EstablishedOn = new DateOnly(2010, 7, 1),
        Aliases = ["东城区", "Dōngchéng"],
        Population = 708_829,
    };

    /// <summary>The grain context as Orleans hands it to the provider: only on the grain's own turn.</summary>
    private sealed class TurnAccessor(IGrainContext grain) : IGrainContextAccessor
    {
        public bool OnGrainsTurn { get; set; }

        public IGrainContext GrainContext => OnGrainsTurn ? grain : null!;
    }

    /// <summary>A grain context that records which of its members were called.</summary>
    public class RecordingGrainContext : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add(targetMethod!.Name);
            return targetMethod.ReturnType.IsValueType && targetMethod.ReturnType != typeof(void)
                ? Activator.CreateInstance(targetMethod.ReturnType)
                : null;
        }
    }

    /// <summary>A store whose writes answer with <paramref name="write"/>; nothing else is used by these tests.</summary>
    private sealed class RefusingStore(Task<string> write) : IGrainStateStore
    {
        public string Name => "refusing";

        public Task<string> WriteAsync(GrainStateKey key, string? expectedETag, string stateJson,
            CancellationToken cancellationToken = default) => write;

        public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<int> InsertMissingAsync(IReadOnlyList<SeedState> states,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<GrainStateKey> ListKeysAsync(string stateName,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<StoredRecord> ReadAllAsync(string stateName, Func<string, bool>? grainIdFilter = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredRecord>> ReadPrefixAsync(string stateName, string grainIdPrefix,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(string claimant, TimeSpan lease, int limit,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AcknowledgeOutboxAsync(IReadOnlyCollection<long> sequences,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task MoveStateToAccessLogAsync(GrainStateKey key, string expectedETag,
            IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task PingAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AppendAccessLogAsync(IReadOnlyList<AccessLogEntry> entries,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
