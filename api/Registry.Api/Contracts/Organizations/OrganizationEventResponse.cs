using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// One entry of an organization's history: what, the legal date, when recorded, by whom (<c>system</c> for
/// deadlines) and why; the report year, list and ground where they apply, and changed particulars.
/// </summary>
public sealed record OrganizationEventResponse(
    int Sequence,
    OrganizationEventKind Kind,
    DateOnly Date,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? Reason,
    int? Year,
    OrganizationList? List,
    string? Ground,
    IReadOnlyList<FieldChangeResponse> Changes)
{
    public static OrganizationEventResponse From(OrganizationEvent e) =>
        new(e.Sequence, e.Kind, e.Date, e.RecordedAt, e.RecordedBy, e.Reason, e.Year, e.List, e.Ground,
            e.Changes.Select(FieldChangeResponse.FromChange).ToList());
}
