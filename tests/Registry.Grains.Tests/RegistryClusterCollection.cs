namespace Registry.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class RegistryClusterCollection : ICollectionFixture<RegistryClusterFixture>
{
    public const string Name = "registry cluster";
}
