namespace Registry.Abstractions.Organizations;

/// <summary>An active listing as the public lists show it: list, ground, report year and date listed.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.Listing")]
public sealed record Listing(
    [property: Id(0)] OrganizationList List,
    [property: Id(1)] string Ground,
    [property: Id(2)] int? Year,
    [property: Id(3)] DateOnly ListedOn);
