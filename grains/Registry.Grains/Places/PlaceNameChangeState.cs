using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// Stored state of one rename or abolition of a place name (see <see cref="PlaceNameChange"/>). A rename holds the
/// duplicate-check keys of its new name (<see cref="ClaimKeys"/>) from its proposal: while it is pending, and after
/// it takes effect as the keys of the name in force.
/// </summary>
public sealed class PlaceNameChangeState
{
    public int Number { get; set; }

    public PlaceNameChangeKind Kind { get; set; }

    public string? Name { get; set; }

    public string? Romanization { get; set; }

    public string? RomanizationLanguage { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public string Reason { get; set; } = "";

    public PlaceNameChangeStatus Status { get; set; }

    public DateOnly ProposedOn { get; set; }

    public string? ApprovingAuthority { get; set; }

    public DateOnly? ApprovedOn { get; set; }

    public DateOnly? AnnouncedOn { get; set; }

    public DateOnly? RejectedOn { get; set; }

    public string? RejectionReasons { get; set; }

    public List<string> ClaimKeys { get; set; } = [];

    /// <summary>Approved (or announced) and its effective date has come by <paramref name="today"/>.</summary>
    public bool InForceOn(DateOnly today) =>
        Status is PlaceNameChangeStatus.Approved or PlaceNameChangeStatus.Announced && EffectiveDate <= today;

    /// <summary>Not yet decided, or approved but not yet in effect.</summary>
    public bool PendingOn(DateOnly today) =>
        Status == PlaceNameChangeStatus.Proposed
        || (Status is PlaceNameChangeStatus.Approved or PlaceNameChangeStatus.Announced && EffectiveDate > today);
}
