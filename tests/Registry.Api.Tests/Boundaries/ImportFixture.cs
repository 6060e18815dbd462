namespace Registry.Api.Tests.Boundaries;

/// <summary>An API of its own for the import tests, whose bulk writes would otherwise share lines and markers with
/// other tests.</summary>
public sealed class ImportFixture : IAsyncLifetime
{
    private readonly ApiFixture api = new();

    public RegistryApiFactory Factory => api.Factory;

    public ValueTask InitializeAsync() => api.InitializeAsync();

    public ValueTask DisposeAsync() => api.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportFixture>
{
    public const string Name = "imports";
}
