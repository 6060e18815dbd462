namespace Registry.Api.Tests.Places;

/// <summary>The place-name tests share one API of their own (an <see cref="ApiFixture"/>: its own data directory).</summary>
[CollectionDefinition(Name)]
public sealed class PlaceApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "place api";
}
