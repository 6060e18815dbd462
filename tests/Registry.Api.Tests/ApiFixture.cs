namespace Registry.Api.Tests;

/// <summary>One running API for a collection or class of tests, on a fresh data directory deleted afterwards.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "registry-api-" + Guid.NewGuid().ToString("N"));

    public RegistryApiFactory Factory { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Factory = new RegistryApiFactory(DataDirectory);
        _ = Factory.Server; // start the host (and its silo) now, not inside the first test
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
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
