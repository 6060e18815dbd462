namespace Registry.Api.Tests.Places;

/// <summary>
/// The API most place-name tests share: no division outline is seeded, so the location rule (a location lies in its
/// division's outline or its nearest ancestor's) accepts any valid geometry, as it does for a division with no outline
/// up its lineage; those tests pick townships and GeoNames points independently. The location rule itself is tested
/// against the shipped outlines in <see cref="PlaceStockCollection"/>'s API (<see cref="PlaceLocationTests"/>).
/// </summary>
public sealed class PlaceApiFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "registry-api-" + Guid.NewGuid().ToString("N"));

    public RegistryApiFactory Factory { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Factory = new RegistryApiFactory(DataDirectory, new Dictionary<string, string> { ["Registry:Seed:Geometry"] = "false" });
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
