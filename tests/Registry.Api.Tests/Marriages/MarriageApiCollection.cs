namespace Registry.Api.Tests.Marriages;

[CollectionDefinition(Name)]
public sealed class MarriageApiCollection : ICollectionFixture<MarriageApiFixture>
{
    public const string Name = "marriage api";
}
