using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>A person found by name: the names the marriage records give them, the key of their record's document
/// (<c>idNumber</c>) and their other <c>documents</c>, their status and current marriage. Spouses' numbers in the
/// status view stay masked as in <c>GET /api/persons/{idNumber}/marital-status</c>.</summary>
public sealed record PersonFoundResponse(
    IReadOnlyList<string> Names,
    string IdNumber,
    IReadOnlyList<string> Documents,
    MaritalStatus Status,
    string? CurrentMarriageId)
{
    public static PersonFoundResponse From(PersonSearchResult r) =>
        new(r.Names, r.Status.IdNumber, r.Status.Documents, r.Status.Status, r.Status.CurrentMarriageId);
}
