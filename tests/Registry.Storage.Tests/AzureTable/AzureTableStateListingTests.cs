using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Storage.AzureTable;
using Registry.Storage.Tests.Providers;

namespace Registry.Storage.Tests.AzureTable;

/// <summary>
/// Listing what the official Azure Table provider (on Azurite) stored under a state name for a range of grain ids:
/// each state as the provider reads it (its JSON, its ETag), in grain-id order, a state over one 64 KB column
/// included, and nothing of another state name, another grain type or another service.
/// </summary>
public sealed class AzureTableStateListingTests(AzureTableProviderSilo silo) : IClassFixture<AzureTableProviderSilo>
{
    private readonly string scope = "listing" + Guid.NewGuid().ToString("N")[..10];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainStorage States => silo.Services.GetRequiredKeyedService<IGrainStorage>(
        AzureTableGrainStorageExtensions.StatesOf(GrainStorageSilo.ProviderName));

    private string ServiceId => silo.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;

    private AzureTableStateListing Listing(string? serviceId = null) =>
        new(new TableServiceClient(silo.ConnectionString), "RegistryGrainState", serviceId ?? ServiceId);

    [Fact]
    public async Task List_StatesOfAGrainType_AreWhatTheProviderReadsInKeyOrder()
    {
        // Over 64 KB of JSON, so that the provider splits it into two binary columns.
        var large = string.Concat(Enumerable.Repeat("东城区", 12_000));
        var written = new Dictionary<string, string>
        {
            [$"{scope}-b"] = """{"code":"110102","name":"西城区"}""",
            [$"{scope}-a"] = """{"code":"110101","name":"东城区"}""",
            [$"{scope}-c"] = $$"""{"code":"110105","name":"{{large}}"}""",
        };
        foreach (var (key, json) in written)
        {
            await WriteAsync("division", GrainId.Create("division", key), json);
        }

        await WriteAsync("division-history-version", GrainId.Create("division", $"{scope}-a"), """{"name":"other"}""");
        await WriteAsync("division", GrainId.Create("division-change", $"{scope}-a"), """{"name":"other type"}""");

        var listed = await Listing().ListAsync("division", $"division/{scope}-", Ct).ToListAsync(Ct);

        Assert.Equal(written.Keys.Order(StringComparer.Ordinal).Select(k => $"division/{k}"),
            listed.Select(s => s.GrainId));
        foreach (var state in listed)
        {
            var read = new GrainState<JsonElement>();
            await States.ReadStateAsync("division", GrainId.Parse(state.GrainId), read);
            Assert.Equal(read.ETag, state.ETag);
            Assert.Equal(read.State.GetRawText(), JsonDocument.Parse(state.Utf8Json).RootElement.GetRawText());
        }

        Assert.Equal(large, JsonDocument.Parse(listed[^1].Utf8Json).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task List_ETagGiven_IsTheOneAWriteThroughTheProviderExpects()
    {
        var id = GrainId.Create("division", $"{scope}-etag");
        await WriteAsync("division", id, """{"name":"v1"}""");
        var listed = Assert.Single(await Listing().ListAsync("division", $"division/{scope}-etag", Ct).ToListAsync(Ct));

        await States.WriteStateAsync("division", id,
            new GrainState<JsonElement>(JsonDocument.Parse("""{"name":"v2"}""").RootElement, listed.ETag)
            {
                RecordExists = true,
            });
    }

    [Fact]
    public async Task List_OtherServiceOrMissingTable_ListsNothing()
    {
        await WriteAsync("division", GrainId.Create("division", $"{scope}-x"), """{"name":"x"}""");

        var otherService = await Listing("another-service").ListAsync("division", $"division/{scope}", Ct)
            .ToListAsync(Ct);
        var missingTable = await new AzureTableStateListing(new TableServiceClient(silo.ConnectionString),
            "NoSuchTable" + scope, ServiceId).ListAsync("division", "division/", Ct).ToListAsync(Ct);

        Assert.Empty(otherService);
        Assert.Empty(missingTable);
    }

    private Task WriteAsync(string stateName, GrainId id, string json) =>
        States.WriteStateAsync(stateName, id, new GrainState<JsonElement>(JsonDocument.Parse(json).RootElement));
}
