namespace Registry.Api.Tests.Places;

/// <summary>The place-name tests share one API of their own (a <see cref="PlaceApiFixture"/>: its own data directory, no division outlines).</summary>
[CollectionDefinition(Name)]
public sealed class PlaceApiCollection : ICollectionFixture<PlaceApiFixture>
{
    public const string Name = "place api";
}
