namespace Registry.Grains.Persons;

/// <summary>
/// A marriage record naming the person. <see cref="Pending"/>: stored as the reservation of a registration whose
/// outcome the person grain has not yet confirmed with the marriage grain; at most one link is pending.
/// </summary>
public sealed class MarriageLink
{
    public string MarriageId { get; set; } = "";

    public bool Pending { get; set; }
}
