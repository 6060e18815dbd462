using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A search hit: code, name, kind, office, status and active listings.</summary>
public sealed record OrganizationSummaryResponse(
    string Uscc,
    string Name,
    OrganizationKind Kind,
    string RegisteringOffice,
    OrganizationStatus Status,
    IReadOnlyList<ListingResponse> Listings)
{
    public static OrganizationSummaryResponse From(OrganizationIndexEntry entry) =>
        new(entry.Uscc, entry.Name, entry.Kind, entry.RegisteringOffice, entry.Status,
            entry.Listings.Select(ListingResponse.From).ToList());
}
