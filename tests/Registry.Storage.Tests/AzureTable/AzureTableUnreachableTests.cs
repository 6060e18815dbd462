using Orleans.Runtime;
using Orleans.Storage;
using Registry.Abstractions.Errors;
using Registry.Storage.Tests.Providers;

namespace Registry.Storage.Tests.AzureTable;

/// <summary>
/// Azure Table storage that stops answering under a running silo (Azurite stopped; a fixture of its own): a write is
/// refused as <see cref="StorageUnavailableException"/>, which the API answers 503 with nothing stored, as on the
/// Registry's own backends; not an unmapped transport error (a 500). Covered by the outbox or not, and a read too.
/// </summary>
public sealed class AzureTableUnreachableTests(AzureTableProviderSilo silo) : IClassFixture<AzureTableProviderSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Storage_Unreachable_WritesAndReadsAreUnavailable()
    {
        var grain = GrainId.Create("division", "unreachable-" + Guid.NewGuid().ToString("N")[..8]);
        var state = new GrainState<DivisionState>(new DivisionState { Name = "东城区" });
        await silo.Storage.WriteStateAsync(AzureTableProviderSilo.OutboxedStateName, grain, state, Ct);

        await silo.StopAzuriteAsync();
        state.State!.Name = "not stored";

        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            silo.Storage.WriteStateAsync(AzureTableProviderSilo.OutboxedStateName, grain, state, Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            silo.Storage.WriteStateAsync("holiday-calendar", grain, state, Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            silo.Storage.ReadStateAsync(AzureTableProviderSilo.OutboxedStateName, grain,
                new GrainState<DivisionState>(), Ct));
    }
}
