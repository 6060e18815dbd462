using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// A listing: list, ground, report year, date listed (with the decision's number and authority for a listing by decision) and, once removed, the date and ground of removal. Who decided
/// is in the organization's history.
/// </summary>
public sealed record ListEntryResponse(
    int Id,
    OrganizationList List,
    string Ground,
    int? Year,
    DateOnly ListedOn,
    DateOnly? RemovedOn,
    string? RemovalGround,
    string? DecisionNumber,
    string? Authority)
{
    public static ListEntryResponse From(ListEntry entry) =>
        new(entry.Id, entry.List, entry.Ground, entry.Year, entry.ListedOn, entry.RemovedOn, entry.RemovalGround,
            entry.DecisionNumber, entry.Authority);
}
