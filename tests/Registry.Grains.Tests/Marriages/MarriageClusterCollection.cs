namespace Registry.Grains.Tests.Marriages;

[CollectionDefinition(Name)]
public sealed class MarriageClusterCollection : ICollectionFixture<MarriageClusterFixture>
{
    public const string Name = "marriage cluster";
}
