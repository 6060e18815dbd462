namespace Registry.Api.Tests.Places;

/// <summary>One API for the place-name tests, on a data directory of its own (deleted afterwards).</summary>
public sealed class PlaceApiFixture : IAsyncLifetime
{
    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "registry-places-api-" + Guid.NewGuid().ToString("N"));

    public RegistryApiFactory Factory { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Factory = new RegistryApiFactory(DataDirectory);
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

[CollectionDefinition(Name)]
public sealed class PlaceApiCollection : ICollectionFixture<PlaceApiFixture>
{
    public const string Name = "place api";
}
