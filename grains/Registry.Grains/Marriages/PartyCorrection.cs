namespace Registry.Grains.Marriages;

/// <summary>A court-ordered correction of a party's recorded name or nationality, applied on top of the
/// registration in history order.</summary>
public sealed class PartyCorrection
{
    /// <summary>The history entry that recorded the correction.</summary>
    public int EventSequence { get; set; }

    public string PartyIdNumber { get; set; } = "";

    public string? Name { get; set; }

    public string? Nationality { get; set; }
}
