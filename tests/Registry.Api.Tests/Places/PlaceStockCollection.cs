namespace Registry.Api.Tests.Places;

/// <summary>The tests that enter the official stock of names share an API of their own: the stock claims thousands of
/// township and village names, which the other place-name tests propose.</summary>
[CollectionDefinition(Name)]
public sealed class PlaceStockCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "place stock api";
}
