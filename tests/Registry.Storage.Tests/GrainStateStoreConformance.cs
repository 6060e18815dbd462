using System.Text;
using System.Text.Json;
using Orleans.Storage;

namespace Registry.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IGrainStateStore"/> backend must show, run against the real backend. A backend's
/// test class derives from this and supplies <see cref="CreateStoreAsync"/>; each test works in a fresh scope.
/// Times used here are whole milliseconds in UTC so that backends with coarser timestamps can pass.
/// </summary>
public abstract partial class GrainStateStoreConformance : IAsyncLifetime
{
    private const string StateName = "place";
    private readonly List<IGrainStateStore> openStores = [];

    /// <summary>The scope of the current test: a fresh database, schema or table prefix per test.</summary>
    protected string Scope { get; } = "t" + Guid.NewGuid().ToString("N");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Creates a store (not yet initialized) over the data named by <paramref name="scope"/>. Calling it again with
    /// the same scope, also after the first store was disposed, must reach the same data: that is how reopening and
    /// several silos sharing one database are tested.
    /// </summary>
    /// <param name="outbox">The state names whose writes add an outbox row; none when null.</param>
    protected abstract Task<IGrainStateStore> CreateStoreAsync(string scope, Outbox? outbox = null);

    /// <summary>Releases one store; by default disposes it when it is disposable.</summary>
    protected virtual async ValueTask DisposeStoreAsync(IGrainStateStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>
    /// The JSON text the backend gives back for <paramref name="json"/>: the same text unless the backend keeps the
    /// meaning of a state but not its text (PostgreSQL's jsonb normalizes spacing and key order). Expected values go
    /// through this, so the comparisons stay exact.
    /// </summary>
    protected virtual Task<string> StoredJsonAsync(string json) => Task.FromResult(json);

    /// <summary>Removes what the test's scopes left behind (files, schemas, tables); runs after all stores are released.</summary>
    protected virtual ValueTask CleanupAsync() => ValueTask.CompletedTask;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in openStores)
        {
            await DisposeStoreAsync(store);
        }

        openStores.Clear();
        await CleanupAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates and initializes a store over <paramref name="scope"/> (the test's own scope by default).</summary>
    protected async Task<IGrainStateStore> OpenAsync(string? scope = null, Outbox? outbox = null)
    {
        var store = await CreateStoreAsync(scope ?? Scope, outbox);
        openStores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }

    /// <summary>Releases a store before the test ends, e.g. to reopen the same scope.</summary>
    protected async Task CloseAsync(IGrainStateStore store)
    {
        openStores.Remove(store);
        await DisposeStoreAsync(store);
    }

    protected static GrainStateKey Key(string id, string stateName = StateName) => new(stateName, "place/" + id);

    protected static string Json(string name, int population = 0) =>
        $$"""{"name":"{{name}}","population":{{population}}}""";

    [Fact]
    public async Task ReadAsync_MissingKey_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.ReadAsync(Key("absent"), Ct));
    }

    [Fact]
    public async Task WriteAsync_NullETagOnNewKey_StoresJsonAsVersionOne()
    {
        var store = await OpenAsync();
        var json = Json("Ürümqi \\\"old town\\\" \u00e9\u4e2d");

        var etag = await store.WriteAsync(Key("a"), null, json, Ct);

        var stored = await store.ReadAsync(Key("a"), Ct);
        Assert.NotNull(stored);
        Assert.Equal(await StoredJsonAsync(json), stored.StateJson);
        Assert.Equal(1, stored.Version);
        Assert.Equal(etag, stored.ETag);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task WriteUtf8Async_NewThenNext_StoresTheTextOfTheBytesAsWriteAsyncWould()
    {
        var store = await OpenAsync();
        var first = Json("Ürümqi \\\"old town\\\" \u00e9\u4e2d");
        var second = Json(string.Concat(Enumerable.Repeat("乌鲁木齐 ", 200)), 1);
        var buffer = new byte[Encoding.UTF8.GetByteCount(second)];

        var etag = await store.WriteUtf8Async(Key("a"), null, buffer.AsSpan(0, Encoding.UTF8.GetBytes(first, buffer)), Ct);
        buffer.AsSpan().Clear(); // the store has read the bytes by the time it returned
        var next = await store.WriteUtf8Async(Key("a"), etag, buffer.AsSpan(0, Encoding.UTF8.GetBytes(second, buffer)), Ct);

        var stored = await store.ReadAsync(Key("a"), Ct);
        Assert.NotNull(stored);
        Assert.Equal(await StoredJsonAsync(second), stored.StateJson);
        Assert.Equal((next, 2L), (stored.ETag, stored.Version));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteUtf8Async(Key("a"), etag, Encoding.UTF8.GetBytes(first), Ct));
    }

    [Fact]
    public async Task WriteAsync_MatchingETag_StoresNextVersionWithNewETag()
    {
        var store = await OpenAsync();
        var first = await store.WriteAsync(Key("a"), null, Json("one"), Ct);

        var second = await store.WriteAsync(Key("a"), first, Json("two"), Ct);

        var stored = await store.ReadAsync(Key("a"), Ct);
        Assert.NotNull(stored);
        Assert.NotEqual(first, second);
        Assert.Equal(second, stored.ETag);
        Assert.Equal(2, stored.Version);
        Assert.Equal(await StoredJsonAsync(Json("two")), stored.StateJson);
    }

    [Fact]
    public async Task WriteAsync_SameStateInTwoRecords_KeepsThemApart()
    {
        var store = await OpenAsync();

        await store.WriteAsync(Key("a"), null, Json("a"), Ct);
        await store.WriteAsync(Key("a", "other"), null, Json("other"), Ct);
        await store.WriteAsync(Key("b"), null, Json("b"), Ct);

        Assert.Equal(await StoredJsonAsync(Json("a")), (await store.ReadAsync(Key("a"), Ct))?.StateJson);
        Assert.Equal(await StoredJsonAsync(Json("other")), (await store.ReadAsync(Key("a", "other"), Ct))?.StateJson);
        Assert.Equal(await StoredJsonAsync(Json("b")), (await store.ReadAsync(Key("b"), Ct))?.StateJson);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersWithSameETag_ExactlyOneWins()
    {
        var store = await OpenAsync();
        var etag = await store.WriteAsync(Key("a"), null, Json("base"), Ct);

        var outcomes = await RaceAsync(Enumerable.Range(0, 8).Select(i => (store, Json("writer", i))), etag);

        await AssertSingleWinnerAsync(store, outcomes);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersOnTwoStoreInstances_ExactlyOneWins()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var etag = await first.WriteAsync(Key("a"), null, Json("base"), Ct);

        var outcomes = await RaceAsync(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second, Json("writer", i))), etag);

        await AssertSingleWinnerAsync(first, outcomes);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentFirstWritesWithNullETag_ExactlyOneWins()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();

        var outcomes = await RaceAsync(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second, Json("writer", i))), null);

        var winner = Assert.Single(outcomes, outcome => outcome.ETag is not null);
        Assert.All(outcomes.Where(outcome => outcome != winner),
            outcome => Assert.IsType<InconsistentStateException>(outcome.Error));
        var stored = await first.ReadAsync(Key("a"), Ct);
        Assert.Equal(await StoredJsonAsync(winner.Json), stored?.StateJson);
        Assert.Equal(1, stored?.Version);
    }

    [Fact]
    public async Task WriteAsync_SequentialWritersWithSameETag_SecondThrowsAndFirstStays()
    {
        var store = await OpenAsync();
        var etag = await store.WriteAsync(Key("a"), null, Json("base"), Ct);
        var winner = await store.WriteAsync(Key("a"), etag, Json("first"), Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("a"), etag, Json("second"), Ct));

        Assert.Equal(winner, error.StoredEtag);
        Assert.Equal(etag, error.CurrentEtag);
        var stored = await store.ReadAsync(Key("a"), Ct);
        Assert.Equal(await StoredJsonAsync(Json("first")), stored?.StateJson);
        Assert.Equal(winner, stored?.ETag);
    }

    [Fact]
    public async Task WriteAsync_NullETagWhenStateExists_ThrowsAndChangesNothing()
    {
        var store = await OpenAsync();
        var etag = await store.WriteAsync(Key("a"), null, Json("existing"), Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("a"), null, Json("intruder"), Ct));

        Assert.Equal(etag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        var stored = await store.ReadAsync(Key("a"), Ct);
        Assert.Equal(new StoredGrainState(etag, 1, await StoredJsonAsync(Json("existing"))), stored);
    }

    [Fact]
    public async Task WriteAsync_StaleETag_ThrowsAndChangesNothing()
    {
        var store = await OpenAsync();
        var stale = await store.WriteAsync(Key("a"), null, Json("v1"), Ct);
        var current = await store.WriteAsync(Key("a"), stale, Json("v2"), Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("a"), stale, Json("v3"), Ct));

        Assert.Equal(new StoredGrainState(current, 2, await StoredJsonAsync(Json("v2"))),
            await store.ReadAsync(Key("a"), Ct));
    }

    [Fact]
    public async Task WriteAsync_ETagForMissingState_ThrowsAndStoresNothing()
    {
        var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("a"), "made-up", Json("v1"), Ct));

        Assert.Null(error.StoredEtag);
        Assert.Equal("made-up", error.CurrentEtag);
        Assert.Null(await store.ReadAsync(Key("a"), Ct));
    }

    [Fact]
    public async Task WriteAsync_LargeState_RoundTripsExactly()
    {
        var store = await OpenAsync();
        var json = LargeJson(5 * 1024 * 1024);
        var expected = await StoredJsonAsync(json);

        var etag = await store.WriteAsync(Key("big"), null, json, Ct);

        var stored = await store.ReadAsync(Key("big"), Ct);
        Assert.NotNull(stored);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal(expected.Length, stored.StateJson.Length);
        Assert.Equal(expected, stored.StateJson);
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsState()
    {
        var store = await OpenAsync();
        var first = await store.WriteAsync(Key("a"), null, Json("v1"), Ct);
        var second = await store.WriteAsync(Key("a"), first, Json("v2"), Ct);
        await CloseAsync(store);

        var reopened = await OpenAsync();

        Assert.Equal(new StoredGrainState(second, 2, await StoredJsonAsync(Json("v2"))),
            await reopened.ReadAsync(Key("a"), Ct));
        var third = await reopened.WriteAsync(Key("a"), second, Json("v3"), Ct);
        Assert.Equal(3, (await reopened.ReadAsync(Key("a"), Ct))?.Version);
        Assert.NotEqual(second, third);
    }

    [Fact]
    public async Task InitializeAsync_CalledAgain_KeepsData()
    {
        var store = await OpenAsync();
        var etag = await store.WriteAsync(Key("a"), null, Json("v1"), Ct);

        await store.InitializeAsync(Ct);
        await (await OpenAsync()).InitializeAsync(Ct);

        Assert.Equal(new StoredGrainState(etag, 1, await StoredJsonAsync(Json("v1"))),
            await store.ReadAsync(Key("a"), Ct));
    }

    [Fact]
    public async Task InitializeAsync_ConcurrentlyOnFreshScope_Succeeds()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateStoreAsync(Scope)));
        openStores.AddRange(stores);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var initializing = stores.Select(store => Task.Run(async () =>
        {
            await start.Task;
            await store.InitializeAsync(Ct);
        }, Ct)).ToArray();
        start.SetResult();
        await Task.WhenAll(initializing);

        await stores[0].WriteAsync(Key("a"), null, Json("v1"), Ct);
        Assert.Equal(await StoredJsonAsync(Json("v1")), (await stores[3].ReadAsync(Key("a"), Ct))?.StateJson);
    }

    [Fact]
    public async Task ClearAsync_MatchingETag_RemovesState()
    {
        var store = await OpenAsync();
        var first = await store.WriteAsync(Key("a"), null, Json("v1"), Ct);
        var second = await store.WriteAsync(Key("a"), first, Json("v2"), Ct);

        await store.ClearAsync(Key("a"), second, Ct);

        Assert.Null(await store.ReadAsync(Key("a"), Ct));
        Assert.Empty(await ReadAllAsync(store));
    }

    [Fact]
    public async Task ClearAsync_StaleETag_ThrowsAndKeepsState()
    {
        var store = await OpenAsync();
        var stale = await store.WriteAsync(Key("a"), null, Json("v1"), Ct);
        var current = await store.WriteAsync(Key("a"), stale, Json("v2"), Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.ClearAsync(Key("a"), stale, Ct));

        Assert.Equal(current, error.StoredEtag);
        Assert.Equal(new StoredGrainState(current, 2, await StoredJsonAsync(Json("v2"))),
            await store.ReadAsync(Key("a"), Ct));
    }

    [Fact]
    public async Task ClearAsync_NullETagWhenStateExists_Throws()
    {
        var store = await OpenAsync();
        var etag = await store.WriteAsync(Key("a"), null, Json("v1"), Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.ClearAsync(Key("a"), null, Ct));

        Assert.Equal(etag, (await store.ReadAsync(Key("a"), Ct))?.ETag);
    }

    [Fact]
    public async Task ClearAsync_NothingStoredAndNullETag_ChangesNothing()
    {
        var store = await OpenAsync();

        await store.ClearAsync(Key("a"), null, Ct);

        Assert.Null(await store.ReadAsync(Key("a"), Ct));
    }

    [Fact]
    public async Task WriteAsync_AfterClear_TakesNullETagAndStartsAgainAtVersionOne()
    {
        var store = await OpenAsync();
        var first = await store.WriteAsync(Key("a"), null, Json("v1"), Ct);
        await store.ClearAsync(Key("a"), first, Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("a"), first, Json("stale"), Ct));
        var etag = await store.WriteAsync(Key("a"), null, Json("again"), Ct);

        Assert.Equal(new StoredGrainState(etag, 1, await StoredJsonAsync(Json("again"))),
            await store.ReadAsync(Key("a"), Ct));
        Assert.NotEqual(first, etag);
    }

    [Fact]
    public async Task InsertMissingAsync_SomeKeysExist_InsertsOnlyAbsentOnes()
    {
        var store = await OpenAsync();
        var existing = await store.WriteAsync(Key("b"), null, Json("kept"), Ct);
        SeedState[] seeds =
        [
            new(Key("a"), Json("seed-a")),
            new(Key("b"), Json("seed-b")),
            new(Key("c"), Json("seed-c")),
        ];

        var inserted = await store.InsertMissingAsync(seeds, Ct);

        Assert.Equal(2, inserted);
        Assert.Equal(new StoredGrainState(existing, 1, await StoredJsonAsync(Json("kept"))),
            await store.ReadAsync(Key("b"), Ct));
        foreach (var id in new[] { "a", "c" })
        {
            var stored = await store.ReadAsync(Key(id), Ct);
            Assert.NotNull(stored);
            var json = await StoredJsonAsync(Json("seed-" + id));
            Assert.Equal(json, stored.StateJson);
            Assert.Equal(1, stored.Version);
        }
    }

    [Fact]
    public async Task InsertMissingAsync_Rerun_InsertsNothingAndKeepsState()
    {
        var store = await OpenAsync();
        var seeds = Enumerable.Range(0, 10).Select(i => new SeedState(Key($"{i:D3}"), Json("seed", i))).ToArray();
        Assert.Equal(10, await store.InsertMissingAsync(seeds, Ct));
        var etag = (await store.ReadAsync(Key("004"), Ct))!.ETag;
        var changed = await store.WriteAsync(Key("004"), etag, Json("changed"), Ct);

        var inserted = await store.InsertMissingAsync(seeds, Ct);

        Assert.Equal(0, inserted);
        Assert.Equal(new StoredGrainState(changed, 2, await StoredJsonAsync(Json("changed"))),
            await store.ReadAsync(Key("004"), Ct));
    }

    [Fact]
    public async Task InsertMissingAsync_SeedingVolume_InsertsAll()
    {
        const int count = 45_000;
        var store = await OpenAsync();
        var seeds = Enumerable.Range(0, count)
            .Select(i => new SeedState(Key($"{i:D6}", "division"), Json("division", i)))
            .ToArray();

        var inserted = await store.InsertMissingAsync(seeds, Ct);
        var again = await store.InsertMissingAsync(seeds, Ct);

        Assert.Equal(count, inserted);
        Assert.Equal(0, again);
        Assert.Equal(await StoredJsonAsync(Json("division", count - 1)),
            (await store.ReadAsync(Key($"{count - 1:D6}", "division"), Ct))?.StateJson);
        Assert.Equal(count, await CountKeysAsync(store, "division"));
    }

    [Fact]
    public async Task InsertMissingAsync_EmptyList_ReturnsZero()
    {
        var store = await OpenAsync();

        Assert.Equal(0, await store.InsertMissingAsync([], Ct));
    }

    [Fact]
    public async Task ListKeysAsync_TwoStateNames_ReturnsExactlyTheKeysOfOneInOrder()
    {
        var store = await OpenAsync();
        // More than one page of keys, inserted out of order.
        var ids = Enumerable.Range(0, 2_345).Select(i => $"{i * 7919 % 2_345:D5}").ToArray();
        await store.InsertMissingAsync(ids.Select(id => new SeedState(Key(id), Json(id))).ToArray(), Ct);
        await store.InsertMissingAsync(ids.Take(10).Select(id => new SeedState(Key(id, "other"), Json(id))).ToArray(), Ct);
        var cleared = Key(ids[0]);
        await store.ClearAsync(cleared, (await store.ReadAsync(cleared, Ct))!.ETag, Ct);

        var keys = new List<GrainStateKey>();
        await foreach (var key in store.ListKeysAsync(StateName, Ct))
        {
            keys.Add(key);
        }

        var expected = ids.Where(id => id != ids[0]).Select(id => Key(id)).OrderBy(key => key.GrainId, StringComparer.Ordinal);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task ListKeysAsync_UnknownStateName_ReturnsNothing()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Key("a"), null, Json("a"), Ct);

        Assert.Equal(0, await CountKeysAsync(store, "nothing-here"));
    }

    [Fact]
    public async Task ReadAllAsync_TwoStateNames_GivesEveryStateOfOneInKeyOrder_AsReadAsyncDoes()
    {
        var store = await OpenAsync();
        // More than one page, inserted out of order, one written again, one cleared, and another state name.
        var ids = Enumerable.Range(0, 2_345).Select(i => $"{i * 7919 % 2_345:D5}").ToArray();
        await store.InsertMissingAsync(ids.Select(id => new SeedState(Key(id), Json(id))).ToArray(), Ct);
        await store.InsertMissingAsync(ids.Take(10).Select(id => new SeedState(Key(id, "other"), Json("x"))).ToArray(), Ct);
        var rewritten = Key(ids[1]);
        await store.WriteAsync(rewritten, (await store.ReadAsync(rewritten, Ct))!.ETag, Json("again"), Ct);
        var cleared = Key(ids[0]);
        await store.ClearAsync(cleared, (await store.ReadAsync(cleared, Ct))!.ETag, Ct);

        var records = new List<StoredRecord>();
        await foreach (var record in store.ReadAllAsync(StateName, cancellationToken: Ct))
        {
            records.Add(record);
        }

        var expected = ids.Where(id => id != ids[0]).Select(id => Key(id)).OrderBy(key => key.GrainId, StringComparer.Ordinal);
        Assert.Equal(expected, records.Select(r => r.Key));
        foreach (var record in records.Where((_, i) => i % 97 == 0).Append(records.Single(r => r.Key == rewritten)))
        {
            Assert.Equal(await store.ReadAsync(record.Key, Ct), record.State);
        }

        Assert.Equal(2, records.Single(r => r.Key == rewritten).State.Version);
    }

    [Fact]
    public async Task ReadPrefixAsync_GivesExactlyTheKeysWithThePrefixOfOneStateName_InKeyOrder_AsReadAsyncDoes()
    {
        var store = await OpenAsync();
        // Pieces of partitions 1, 10 and 2 ("1." must not take "10." nor "1" alone), another state name, a piece
        // written again and one cleared.
        var ids = new[] { "1.0", "1.7", "1.10", "1.255", "10.0", "10.3", "2.0", "1", "0.9" };
        await store.InsertMissingAsync(ids.Select(id => new SeedState(Key(id), Json(id))).ToArray(), Ct);
        await store.InsertMissingAsync([new SeedState(Key("1.1", "other"), Json("x"))], Ct);
        var rewritten = Key("1.7");
        await store.WriteAsync(rewritten, (await store.ReadAsync(rewritten, Ct))!.ETag, Json("again"), Ct);
        var cleared = Key("1.255");
        await store.ClearAsync(cleared, (await store.ReadAsync(cleared, Ct))!.ETag, Ct);

        var records = await store.ReadPrefixAsync(StateName, "place/1.", Ct);

        Assert.Equal(new[] { "place/1.0", "place/1.10", "place/1.7" }, records.Select(r => r.Key.GrainId));
        Assert.All(records, r => Assert.Equal(StateName, r.Key.StateName));
        foreach (var record in records)
        {
            Assert.Equal(await store.ReadAsync(record.Key, Ct), record.State);
        }

        Assert.Empty(await store.ReadPrefixAsync(StateName, "place/3.", Ct));
        Assert.Throws<ArgumentException>(() => GrainIdRange.UpperBound(""));
    }

    [Fact]
    public async Task ReadManyAsync_GivesEachStateAsReadAsyncDoes_InTheOrderAsked_NullWhereNoneIsStored()
    {
        var store = await OpenAsync();
        await store.InsertMissingAsync(new[] { "a", "b", "c", "d" }.Select(id => new SeedState(Key(id), Json(id)))
            .ToArray(), Ct);
        await store.InsertMissingAsync([new SeedState(Key("e", "other"), Json("x"))], Ct);
        var rewritten = Key("b");
        await store.WriteAsync(rewritten, (await store.ReadAsync(rewritten, Ct))!.ETag, Json("again"), Ct);
        var cleared = Key("d");
        await store.ClearAsync(cleared, (await store.ReadAsync(cleared, Ct))!.ETag, Ct);

        // Out of key order, a key twice, one never stored, one cleared, one stored under another state name only.
        string[] asked = ["place/c", "place/a", "place/missing", "place/b", "place/d", "place/e", "place/a"];
        var states = await store.ReadManyAsync(StateName, asked, Ct);

        Assert.Equal(asked.Length, states.Count);
        foreach (var (grainId, state) in asked.Zip(states))
        {
            Assert.Equal(await store.ReadAsync(new GrainStateKey(StateName, grainId), Ct), state);
        }

        Assert.Equal([true, true, false, true, false, false, true], states.Select(s => s is not null));
        Assert.Empty(await store.ReadManyAsync(StateName, [], Ct));
    }

    [Fact]
    public async Task ReadAllAsync_WithAFilter_GivesOnlyTheAcceptedGrainIds()
    {
        var store = await OpenAsync();
        var ids = Enumerable.Range(0, 1_500).Select(i => $"{i * 7919 % 1_500:D5}").ToArray();
        await store.InsertMissingAsync(ids.Select(id => new SeedState(Key(id), Json(id))).ToArray(), Ct);

        var records = new List<StoredRecord>();
        await foreach (var record in store.ReadAllAsync(StateName, id => id.EndsWith('7'), Ct))
        {
            records.Add(record);
        }

        Assert.Equal(ids.Where(id => id.EndsWith('7')).Select(id => Key(id)).OrderBy(k => k.GrainId, StringComparer.Ordinal),
            records.Select(r => r.Key));
        Assert.All(records, r => Assert.Equal(r.Key.GrainId["place/".Length..],
            JsonDocument.Parse(r.State.StateJson).RootElement.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task PingAsync_InitializedStore_Completes()
    {
        var store = await OpenAsync();

        await store.PingAsync(Ct);
    }

    private static async Task<int> CountKeysAsync(IGrainStateStore store, string stateName)
    {
        var count = 0;
        await foreach (var key in store.ListKeysAsync(stateName, Ct))
        {
            Assert.Equal(stateName, key.StateName);
            count++;
        }

        return count;
    }

    private sealed record Outcome(string Json, string? ETag, Exception? Error);

    // All writers wait on one gate and are released together so that their transactions really overlap.
    private static async Task<Outcome[]> RaceAsync(IEnumerable<(IGrainStateStore Store, string Json)> writers,
        string? etag)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = writers.Select(writer => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return new Outcome(writer.Json,
                    await writer.Store.WriteAsync(Key("a"), etag, writer.Json, Ct), null);
            }
            catch (Exception exception)
            {
                return new Outcome(writer.Json, null, exception);
            }
        }, Ct)).ToArray();
        start.SetResult();
        return await Task.WhenAll(racing);
    }

    private async Task AssertSingleWinnerAsync(IGrainStateStore store, Outcome[] outcomes)
    {
        var winner = Assert.Single(outcomes, outcome => outcome.ETag is not null);
        Assert.All(outcomes.Where(outcome => outcome != winner),
            outcome => Assert.IsType<InconsistentStateException>(outcome.Error));
        var json = await StoredJsonAsync(winner.Json);
        Assert.Equal(new StoredGrainState(winner.ETag!, 2, json), await store.ReadAsync(Key("a"), Ct));
    }

    protected static async Task<List<StoredRecord>> ReadAllAsync(IGrainStateStore store)
    {
        var records = new List<StoredRecord>();
        await foreach (var record in store.ReadAllAsync(StateName, cancellationToken: Ct))
        {
            records.Add(record);
        }

        return records;
    }

    private static string LargeJson(int approximateLength)
    {
        var builder = new StringBuilder(approximateLength + 64);
        builder.Append("{\"items\":[");
        for (var i = 0; builder.Length < approximateLength; i++)
        {
            builder.Append(i == 0 ? "" : ",")
                .Append("{\"id\":").Append(i)
                .Append(",\"name\":\"Place ").Append(i).Append(" \\\"quoted\\\" Zürich 北京 \\u0001\"}");
        }

        return builder.Append("]}").ToString();
    }

    [Fact]
    public async Task ConcurrentWrites_SomeStale_EachSucceedsOrFailsOnItsOwn()
    {
        var store = await OpenAsync();
        var etags = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            etags.Add(await store.WriteAsync(Key($"k{i}"), null, Json($"v0-{i}"), Ct));
        }

        // Even keys are written with their current ETag, odd keys with a made-up one: written together, whatever
        // the backend batches, only the odd ones may fail.
        var writes = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.WriteAsync(Key($"k{i}"), i % 2 == 0 ? etags[i] : "stale-" + i, Json($"v1-{i}"), Ct);
                return true;
            }
            catch (Orleans.Storage.InconsistentStateException)
            {
                return false;
            }
        })).ToList();
        var results = await Task.WhenAll(writes);

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(i % 2 == 0, results[i]);
            var stored = await store.ReadAsync(Key($"k{i}"), Ct);
            Assert.Equal(await StoredJsonAsync(Json(i % 2 == 0 ? $"v1-{i}" : $"v0-{i}")), stored?.StateJson);
            Assert.Equal(i % 2 == 0 ? 2 : 1, stored?.Version);
        }
    }
}
