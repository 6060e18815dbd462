namespace Registry.Abstractions.Places;

/// <summary>
/// Where a rename or abolition stands. It follows approval like a new name (proposed, approved, announced) or is
/// rejected with reasons; an approved change takes effect on its effective date, which may be in the future.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameChangeStatus")]
public enum PlaceNameChangeStatus
{
    Proposed = 1,
    Approved = 2,

    /// <summary>Filed and published (the announcement of an approved change).</summary>
    Announced = 3,
    Rejected = 4,
}
