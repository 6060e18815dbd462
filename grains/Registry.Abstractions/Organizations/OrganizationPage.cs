namespace Registry.Abstractions.Organizations;

/// <summary>One page of search results and how many organizations matched in all.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.OrganizationPage")]
public sealed record OrganizationPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<OrganizationIndexEntry> Items);
