using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>An organization on a public list: since when, and each active ground on that list.</summary>
public sealed record ListedOrganizationResponse(
    string Uscc,
    string Name,
    OrganizationKind Kind,
    string RegisteringOffice,
    OrganizationStatus Status,
    DateOnly ListedSince,
    IReadOnlyList<ListingResponse> Grounds)
{
    public static ListedOrganizationResponse From(OrganizationIndexEntry entry, OrganizationList list) =>
        new(entry.Uscc, entry.Name, entry.Kind, entry.RegisteringOffice, entry.Status,
            entry.ListedSince(list) ?? throw new ArgumentException("The entry is not on the list.", nameof(entry)),
            entry.Listings.Where(l => l.List == list).Select(ListingResponse.From).ToList());
}
