using Registry.Abstractions.Places;

namespace Registry.Grains.Places.Plates;

/// <summary>Stored state of one block of a street's house numbers: its plates, each with its position along the
/// street line (degrees of the line's own length, from its origin).</summary>
public sealed class HouseNumberBlockState
{
    public List<HouseNumberEntry> Plates { get; set; } = [];
}

/// <summary>A stored plate and where along the street line it lies.</summary>
public sealed record HouseNumberEntry(HouseNumberPlate Plate, double Along);
