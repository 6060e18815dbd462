using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>Stored claim on a name key: the holder (null when free) and when it was claimed.</summary>
public sealed class PlaceNameClaimState
{
    public PlaceNameClaimant? Owner { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }
}
