using Azure.Data.Tables;
using Registry.Storage.AzureTable;
using Registry.Storage.Tests.Servers;

namespace Registry.Storage.Tests.AzureTable;

/// <summary>
/// The conformance suite against Azurite's Table service started for this class, one table per test, plus the entity
/// layout shared with the official Orleans Azure Table grain storage.
/// </summary>
public sealed class AzureTableGrainStateStoreTests(AzuriteServer azurite)
    : GrainStateStoreConformance, IClassFixture<AzuriteServer>
{
    private const string ServiceId = "registry";

    protected override Task<IGrainStateStore> CreateStoreAsync(string scope) =>
        Task.FromResult<IGrainStateStore>(new AzureTableGrainStateStore(azurite.ConnectionString, ServiceId, scope));

    protected override async ValueTask CleanupAsync() =>
        await new TableServiceClient(azurite.ConnectionString).DeleteTableAsync(Scope);

    [Fact]
    public async Task Write_UsesTheOfficialProvidersKeysAndDataProperty()
    {
        var store = await OpenAsync();
        var key = new GrainStateKey("division", "division/110101");

        var etag = await store.WriteAsync(key, null, Json("东城区"), Entry(), Ct);

        var entity = (await Table().GetEntityAsync<TableEntity>("registry_division_110101", "division",
            cancellationToken: Ct)).Value;
        Assert.Equal(Json("东城区"), System.Text.Encoding.UTF8.GetString(entity.GetBinary("Data")));
        Assert.False(entity.ContainsKey("Data1"));
        Assert.Equal(etag, entity.ETag.ToString());
    }

    [Fact]
    public async Task Write_KeyCharactersAzureForbids_AreSanitizedAsTheOfficialProviderDoes()
    {
        var store = await OpenAsync();
        var key = new GrainStateKey("a/b\\c#d?e", "place/x#1?y\\z");

        await store.WriteAsync(key, null, Json("v1"), Entry(), Ct);

        var entity = await Table().GetEntityIfExistsAsync<TableEntity>("registry_place_x_1_y_z", "a_b_c_d_e",
            cancellationToken: Ct);
        Assert.True(entity.HasValue);
        Assert.Equal(Json("v1"), (await store.ReadAsync(key, Ct))?.StateJson);
    }

    [Fact]
    public async Task Write_StateOverOneChunk_IsSplitAcrossDataProperties()
    {
        var store = await OpenAsync();
        var json = Json(new string('长', 100_000)); // 300,000 UTF-8 bytes: Data, Data1 ... Data4

        await store.WriteAsync(Key("a"), null, json, Entry(), Ct);

        var entity = (await Table().GetEntityAsync<TableEntity>("registry_place_a", "place",
            cancellationToken: Ct)).Value;
        var chunks = new[] { "Data", "Data1", "Data2", "Data3", "Data4" }.Select(entity.GetBinary).ToList();
        Assert.All(chunks.Take(4), chunk => Assert.Equal(64 * 1024, chunk.Length));
        Assert.False(entity.ContainsKey("Data5"));
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(chunks.SelectMany(chunk => chunk).ToArray()));
        Assert.Equal(json, (await store.ReadAsync(Key("a"), Ct))?.StateJson);
    }

    [Fact]
    public async Task Clear_LeavesAnEntityWithoutData_AsTheOfficialProviderDoes()
    {
        var store = await OpenAsync();
        var etag = await store.WriteAsync(Key("a"), null, Json("v1"), Entry(), Ct);

        await store.ClearAsync(Key("a"), etag, Entry("clear"), Ct);

        var entity = (await Table().GetEntityAsync<TableEntity>("registry_place_a", "place",
            cancellationToken: Ct)).Value;
        Assert.False(entity.ContainsKey("Data"));
    }

    [Fact]
    public async Task Read_EntityWrittenByTheOfficialProvider_IsReadAndThenVersioned()
    {
        var store = await OpenAsync();
        var official = new TableEntity("registry_place_a", "place")
        {
            ["Data"] = System.Text.Encoding.UTF8.GetBytes(Json("official")),
        };
        await Table().AddEntityAsync(official, Ct);

        var stored = await store.ReadAsync(Key("a"), Ct);
        Assert.Equal(Json("official"), stored?.StateJson);
        await store.WriteAsync(Key("a"), stored!.ETag, Json("ours"), Entry(), Ct);

        Assert.Equal(1, (await store.ReadAsync(Key("a"), Ct))?.Version);
        Assert.Equal(Json("ours"), Assert.Single(await store.ReadHistoryAsync(Key("a"), Ct)).StateJson);
    }

    [Fact]
    public async Task Write_TwoGrainIdsWithTheSameSanitizedKey_RefusesToMixThem()
    {
        var store = await OpenAsync();
        await store.WriteAsync(new GrainStateKey("place", "place/a_b"), null, Json("one"), Entry(), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.ReadAsync(new GrainStateKey("place", "place/a/b"), Ct));
    }

    private TableClient Table() => new TableServiceClient(azurite.ConnectionString).GetTableClient(Scope);
}
