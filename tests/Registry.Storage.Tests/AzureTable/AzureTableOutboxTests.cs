using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Storage.AzureTable;
using Registry.Storage.Tests.Providers;

namespace Registry.Storage.Tests.AzureTable;

/// <summary>
/// The outbox of Azure Table deployments, against Azurite: the official provider writes a state alone, so the
/// Registry writes the outbox row just before (<see cref="OutboxedGrainStorage"/>). What that must give the relay: a
/// row for every stored write of a covered state, at the version the outbox was told; none for a write refused on its
/// ETag or a state no read model reads; no row while its write is in flight; another process's rows only once their
/// writer's lease has run out; and a row gone once acknowledged.
/// </summary>
public sealed class AzureTableOutboxTests(AzureTableProviderSilo silo) : IClassFixture<AzureTableProviderSilo>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly string scope = Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AzureTableOutbox Rows => silo.Services.GetRequiredService<AzureTableOutbox>();

    private Outbox Outbox => silo.Services.GetRequiredService<Outbox>();

    private GrainId Grain(string id) => GrainId.Create("division", $"{scope}-{id}");

    private static GrainStateKey KeyOf(GrainId grain) =>
        new(AzureTableProviderSilo.OutboxedStateName, grain.ToString());

    [Fact]
    public async Task WriteState_CoveredState_LeavesOneRowAtTheVersionTheOutboxWasTold()
    {
        var grain = Grain("written");

        await silo.Storage.WriteStateAsync(AzureTableProviderSilo.OutboxedStateName, grain,
            new GrainState<DivisionState>(new DivisionState { Name = "东城区" }), Ct);
        var rows = await ClaimAsync(Rows, "relay-a", grain);

        var row = Assert.Single(rows);
        Assert.True(Outbox.AwaitsPublication(KeyOf(grain), row.Version));
        Assert.False(Outbox.AwaitsPublication(KeyOf(grain), row.Version + 1));
        await Rows.AcknowledgeOutboxAsync([row.Sequence], Ct);
        Assert.Empty(await ClaimAsync(Rows, "relay-a", grain));
    }

    [Fact]
    public async Task WriteState_RefusedOnItsETag_TakesItsRowBack()
    {
        var grain = Grain("stale");
        var state = new GrainState<DivisionState>(new DivisionState { Name = "v1" });
        await silo.Storage.WriteStateAsync(AzureTableProviderSilo.OutboxedStateName, grain, state, Ct);
        var staleETag = state.ETag;
        state.State!.Name = "v2";
        await silo.Storage.WriteStateAsync(AzureTableProviderSilo.OutboxedStateName, grain, state, Ct);
        await Rows.AcknowledgeOutboxAsync(
            (await ClaimAsync(Rows, "relay-a", grain)).Select(row => row.Sequence).ToList(), Ct);

        var stale = new GrainState<DivisionState>(new DivisionState { Name = "lost update" }, staleETag);
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            silo.Storage.WriteStateAsync(AzureTableProviderSilo.OutboxedStateName, grain, stale, Ct));

        Assert.Empty(await ClaimAsync(Rows, "relay-a", grain));
    }

    [Fact]
    public async Task WriteState_StateNoReadModelReads_AddsNoRow()
    {
        var grain = Grain("uncovered");

        await silo.Storage.WriteStateAsync("holiday-calendar", grain,
            new GrainState<DivisionState>(new DivisionState { Name = "2026" }), Ct);

        Assert.DoesNotContain(await Rows.ClaimOutboxAsync("relay-a", Lease, 1_000, Ct),
            row => row.Key.GrainId == grain.ToString());
    }

    [Fact]
    public async Task ClaimOutbox_WriteStillInFlight_IsNotClaimedUntilItEnds()
    {
        var rows = new AzureTableOutbox(new TableServiceClient(silo.ConnectionString), Table());
        var key = KeyOf(Grain("in-flight"));

        var intent = await rows.AddAsync(key, Ct);
        var whileWriting = await rows.ClaimOutboxAsync("relay-a", Lease, 10, Ct);
        rows.Done(intent);
        var afterwards = await rows.ClaimOutboxAsync("relay-a", Lease, 10, Ct);

        Assert.Empty(whileWriting);
        Assert.Equal((key, intent.Version), (Assert.Single(afterwards).Key, afterwards[0].Version));
    }

    [Fact]
    public async Task ClaimOutbox_RowOfAnotherProcess_IsTakenOnlyWhenItsLeaseHasRunOut()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var table = Table();
        var writer = new AzureTableOutbox(new TableServiceClient(silo.ConnectionString), table, time);
        var other = new AzureTableOutbox(new TableServiceClient(silo.ConnectionString), table, time);
        var key = KeyOf(Grain("other-process"));
        writer.Done(await writer.AddAsync(key, Ct));

        var beforeLease = await other.ClaimOutboxAsync("relay-b", Lease, 10, Ct);
        time.Advance(AzureTableOutbox.WriterLease + TimeSpan.FromSeconds(1));
        var afterLease = await other.ClaimOutboxAsync("relay-b", Lease, 10, Ct);
        var byWriterMeanwhile = await writer.ClaimOutboxAsync("relay-a", Lease, 10, Ct);
        await other.AcknowledgeOutboxAsync([afterLease[0].Sequence], Ct);
        time.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Empty(beforeLease);
        Assert.Equal(key, Assert.Single(afterLease).Key);
        Assert.Empty(byWriterMeanwhile);
        Assert.Empty(await writer.ClaimOutboxAsync("relay-a", Lease, 10, Ct));
    }

    private string Table() => "outbox" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<List<OutboxEntry>> ClaimAsync(AzureTableOutbox rows, string relay, GrainId grain) =>
        (await rows.ClaimOutboxAsync(relay, Lease, 1_000, Ct)).Where(row => row.Key.GrainId == grain.ToString())
        .ToList();
}
