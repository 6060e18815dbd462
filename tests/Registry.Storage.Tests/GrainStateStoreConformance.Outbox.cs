using Orleans.Storage;

namespace Registry.Storage.Tests;

/// <summary>
/// The outbox part of the conformance suite: a write of a covered state adds exactly one row in its own transaction,
/// a refused write none; rows come back in commit order, leased to one claimant at a time, and acknowledged rows are
/// gone.
/// </summary>
public abstract partial class GrainStateStoreConformance
{
    private const string OtherStateName = "unlisted";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static Outbox PlaceOutbox() => new([StateName]);

    [Fact]
    public async Task Outbox_WriteOfCoveredState_AddsExactlyOneRowPerVersion()
    {
        var store = await OpenAsync(outbox: PlaceOutbox());

        var first = await store.WriteAsync(Key("a"), null, Json("one"), Ct);
        await store.WriteAsync(Key("a"), first, Json("two"), Ct);
        await store.WriteAsync(Key("b", OtherStateName), null, Json("not outboxed"), Ct);

        var rows = await store.ClaimOutboxAsync("relay", Lease, 100, Ct);
        Assert.Equal([(Key("a"), 1L), (Key("a"), 2L)], rows.Select(r => (r.Key, r.Version)));
    }

    [Fact]
    public async Task Outbox_RefusedWrites_AddNoRow()
    {
        var store = await OpenAsync(outbox: PlaceOutbox());
        var etag = await store.WriteAsync(Key("a"), null, Json("one"), Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("a"), "stale", Json("stale"), Ct));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("a"), null, Json("again first"), Ct));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("missing"), etag, Json("never stored"), Ct));

        var rows = await store.ClaimOutboxAsync("relay", Lease, 100, Ct);
        Assert.Equal([(Key("a"), 1L)], rows.Select(r => (r.Key, r.Version)));
    }

    [Fact]
    public async Task Outbox_Rows_ComeBackInCommitOrder()
    {
        var store = await OpenAsync(outbox: PlaceOutbox());
        var etags = new Dictionary<string, string?>();
        var written = new List<(GrainStateKey, long)>();
        foreach (var id in new[] { "m", "c", "x", "c", "a", "m", "c" })
        {
            etags[id] = await store.WriteAsync(Key(id), etags.GetValueOrDefault(id), Json(id), Ct);
            written.Add((Key(id), written.Count(w => w.Item1 == Key(id)) + 1));
        }

        var rows = await store.ClaimOutboxAsync("relay", Lease, 100, Ct);

        Assert.Equal(written, rows.Select(r => (r.Key, r.Version)));
        Assert.Equal(rows.Select(r => r.Sequence).Order(), rows.Select(r => r.Sequence));
        Assert.Equal(rows.Count, rows.Select(r => r.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Outbox_AcknowledgedRows_AreGoneAndTheRestStay()
    {
        var store = await OpenAsync(outbox: PlaceOutbox());
        for (var i = 0; i < 5; i++)
        {
            await store.WriteAsync(Key($"k{i}"), null, Json($"v{i}"), Ct);
        }

        var rows = await store.ClaimOutboxAsync("relay", Lease, 3, Ct);
        Assert.Equal(3, rows.Count);
        await store.AcknowledgeOutboxAsync(rows.Select(r => r.Sequence).ToList(), Ct);

        // Reopened, as after a restart: the acknowledged rows stay gone, the other two are still pending.
        await CloseAsync(store);
        var reopened = await OpenAsync(outbox: PlaceOutbox());
        var rest = await reopened.ClaimOutboxAsync("relay", Lease, 100, Ct);
        Assert.Equal([Key("k3"), Key("k4")], rest.Select(r => r.Key));
        await reopened.AcknowledgeOutboxAsync(rest.Select(r => r.Sequence).ToList(), Ct);
        Assert.Empty(await reopened.ClaimOutboxAsync("relay", Lease, 100, Ct));
    }

    [Fact]
    public async Task Outbox_ClaimedRows_GoToAnotherClaimantOnlyWhenTheLeaseHasRunOut()
    {
        var store = await OpenAsync(outbox: PlaceOutbox());
        await store.WriteAsync(Key("a"), null, Json("a"), Ct);
        await store.WriteAsync(Key("b"), null, Json("b"), Ct);

        var held = await store.ClaimOutboxAsync("silo-1", Lease, 1, Ct);
        var other = await store.ClaimOutboxAsync("silo-2", Lease, 100, Ct);
        var again = await store.ClaimOutboxAsync("silo-1", TimeSpan.Zero, 100, Ct);
        var takenOver = await store.ClaimOutboxAsync("silo-2", Lease, 100, Ct);

        Assert.Equal([Key("a")], held.Select(r => r.Key));
        Assert.Equal([Key("b")], other.Select(r => r.Key));
        // Its own row (a failed publication tried again) is the claimant's to take; a lease of zero lapses at once.
        Assert.Equal([Key("a")], again.Select(r => r.Key));
        Assert.Equal([Key("a"), Key("b")], takenOver.Select(r => r.Key));
    }

    [Fact]
    public async Task Outbox_ConcurrentClaimsOnTwoStoreInstances_NeverShareARow()
    {
        var one = await OpenAsync(outbox: PlaceOutbox());
        var two = await OpenAsync(outbox: PlaceOutbox());
        for (var i = 0; i < 40; i++)
        {
            await one.WriteAsync(Key($"k{i:D2}"), null, Json($"v{i}"), Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? one : two).ClaimOutboxAsync($"silo-{i}", Lease, 7, Ct))));

        var all = claims.SelectMany(c => c).Select(r => r.Sequence).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(40, all.Count);
    }

    [Fact]
    public async Task Outbox_WriteOfCoveredState_SignalsTheRelay()
    {
        var outbox = PlaceOutbox();
        var store = await OpenAsync(outbox: outbox);
        var other = outbox.WaitAsync(Ct);
        await store.WriteAsync(Key("x", OtherStateName), null, Json("not outboxed"), Ct);
        Assert.False(other.IsCompleted);

        await store.WriteAsync(Key("a"), null, Json("a"), Ct);

        await other;
    }
}
