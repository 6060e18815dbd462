using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A rename or abolition: its number, kind, the new name (renames), the effective date (YYYY-MM-DD, may be
/// in the future), reason, status (proposed, approved, announced, rejected), approval and announcement, rejection
/// reasons, and whether it is in force today.</summary>
public sealed record PlaceNameChangeResponse(int Number, PlaceNameChangeKind Kind, string? Name, string? Romanization,
    string? RomanizationLanguage, DateOnly EffectiveDate, string Reason, PlaceNameChangeStatus Status,
    DateOnly ProposedOn, string? ApprovingAuthority, DateOnly? ApprovedOn, DateOnly? AnnouncedOn, DateOnly? RejectedOn,
    string? RejectionReasons, bool InForce)
{
    public static PlaceNameChangeResponse From(PlaceNameChange c) => new(c.Number, c.Kind, c.Name, c.Romanization,
        c.RomanizationLanguage, c.EffectiveDate, c.Reason, c.Status, c.ProposedOn, c.ApprovingAuthority, c.ApprovedOn,
        c.AnnouncedOn, c.RejectedOn, c.RejectionReasons, c.InForce);
}
