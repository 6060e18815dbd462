namespace Registry.Abstractions.Organizations;

/// <summary>
/// One listing of an organization: on which list, on what ground (see <see cref="ListGrounds"/>) and for which
/// report year, from which date and by whom; and, once removed, the date, ground and who decided. Entries are never
/// deleted. <see cref="Id"/> numbers the organization's entries from 1. A listing by decision carries the decision's
/// number and authority.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ListEntry")]
public sealed record ListEntry(
    [property: Id(0)] int Id,
    [property: Id(1)] OrganizationList List,
    [property: Id(2)] string Ground,
    [property: Id(3)] int? Year,
    [property: Id(4)] DateOnly ListedOn,
    [property: Id(5)] string ListedBy,
    [property: Id(6)] DateOnly? RemovedOn,
    [property: Id(7)] string? RemovalGround,
    [property: Id(8)] string? RemovedBy,
    [property: Id(9)] string? DecisionNumber = null,
    [property: Id(10)] string? Authority = null)
{
    public bool IsActive => RemovedOn is null;
}
