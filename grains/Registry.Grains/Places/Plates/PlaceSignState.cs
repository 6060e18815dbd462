using Registry.Abstractions.Places;

namespace Registry.Grains.Places.Plates;

/// <summary>Stored state of one sign; <see cref="PlaceNameId"/> is empty for a serial never used.</summary>
public sealed class PlaceSignState
{
    public string PlaceNameId { get; set; } = "";

    public int Serial { get; set; }

    public PlaceSignKind Kind { get; set; }

    public string? HouseNumber { get; set; }

    public string? Building { get; set; }

    public string? Unit { get; set; }

    public DateOnly SetOn { get; set; }

    /// <summary>Every condition the sign was put in, oldest first (the first is <see cref="PlaceSignCondition.Set"/>).</summary>
    public List<PlaceSignEvent> History { get; set; } = [];
}
