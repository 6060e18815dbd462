using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>An active listing: list, ground, report year and date listed.</summary>
public sealed record ListingResponse(OrganizationList List, string Ground, int? Year, DateOnly ListedOn)
{
    public static ListingResponse From(Listing listing) =>
        new(listing.List, listing.Ground, listing.Year, listing.ListedOn);
}
