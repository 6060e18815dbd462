using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Storage.AzureTable;
using Registry.Storage.Tests.Providers;

namespace Registry.Storage.Tests.AzureTable;

/// <summary>
/// Seeding through the official Azure Table provider (on Azurite), which has no store of the Registry's own behind
/// it: what the seeders ask of storage, by key. A seeded state reads back as the JSON given, through the provider as
/// its grain reads it; a state already stored is left as it is; a write under an ETag is optimistic; nothing can be
/// listed.
/// </summary>
public sealed class GrainStorageSeedStoreTests(AzureTableProviderSilo silo) : IClassFixture<AzureTableProviderSilo>
{
    private readonly string scope = Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainStorage States => silo.Services.GetRequiredKeyedService<IGrainStorage>(
        AzureTableGrainStorageExtensions.StatesOf(GrainStorageSilo.ProviderName));

    private GrainStorageSeedStore Store() => new(States);

    private GrainStateKey Key(string id) =>
        new("division", GrainId.Create("division", $"{scope}-{id}").ToString());

    [Fact]
    public async Task InsertMissing_SomeStored_InsertsTheOthersAndLeavesTheStoredOnesAsTheyAre()
    {
        var store = Store();
        await store.WriteAsync(Key("kept"), null, """{"code":"110101","name":"东城区"}""", Ct);

        var inserted = await store.InsertMissingAsync(
        [
            new SeedState(Key("kept"), """{"code":"110101","name":"seeded over"}"""),
            new SeedState(Key("new-1"), """{"code":"110102","name":"西城区"}"""),
            new SeedState(Key("new-2"), """{"code":"110105","name":"朝阳区"}"""),
        ], Ct);

        Assert.Equal(2, inserted);
        Assert.Equal("东城区", await NameAsync(Key("kept")));
        Assert.Equal("西城区", await NameAsync(Key("new-1")));
        Assert.Equal("朝阳区", await NameAsync(Key("new-2")));
    }

    [Fact]
    public async Task Read_SeededState_IsWhatItsGrainReadsThroughTheProvider()
    {
        var store = Store();
        await store.InsertMissingAsync([new SeedState(Key("a"), """{"name":"东城区","population":708829}""")], Ct);

        var stored = await store.ReadAsync(Key("a"), Ct);
        var asGrain = new GrainState<DivisionState>();
        await States.ReadStateAsync("division", GrainId.Parse(Key("a").GrainId), asGrain);

        Assert.NotNull(stored);
        Assert.Equal(asGrain.ETag, stored.ETag);
        Assert.Equal(("东城区", 708829L), (asGrain.State!.Name, asGrain.State.Population));
        Assert.Null(await store.ReadAsync(Key("absent"), Ct));
    }

    [Fact]
    public async Task Write_StaleETag_IsRefusedAndChangesNothing()
    {
        var store = Store();
        var first = await store.WriteAsync(Key("marker"), null, """{"name":"v1"}""", Ct);
        await store.WriteAsync(Key("marker"), first, """{"name":"v2"}""", Ct);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            store.WriteAsync(Key("marker"), first, """{"name":"lost"}""", Ct));

        Assert.Equal("v2", await NameAsync(Key("marker")));
    }

    [Fact]
    public void List_IsNotOffered()
    {
        var store = Store();

        Assert.False(store.CanList);
        Assert.Throws<NotSupportedException>(() => store.ListKeysAsync("division", Ct));
        Assert.Throws<NotSupportedException>(() => store.ReadAllAsync("division", cancellationToken: Ct));
    }

    private async Task<string?> NameAsync(GrainStateKey key)
    {
        var stored = await Store().ReadAsync(key, Ct);
        return stored is null ? null : JsonDocument.Parse(stored.StateJson).RootElement.GetProperty("name").GetString();
    }
}
