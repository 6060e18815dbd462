using Registry.Abstractions.Divisions;
using Registry.Grains.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>
/// Stored state of a division's geometry: its versions in effective-date order, the name and level of a reference
/// area, the revision (one more per stored change) and the tiles its entries are in.
/// </summary>
public sealed class DivisionGeometryState : IIndexedState
{
    public string Key { get; set; } = "";

    public bool IsReference { get; set; }

    /// <summary>A reference area's own name; null for registry divisions (named by the division registry).</summary>
    public string? Name { get; set; }

    public DivisionLevel Level { get; set; }

    public List<GeometryVersionState> Versions { get; set; } = [];

    public long Revision { get; set; }

    public List<string> Tiles { get; set; } = [];

    /// <summary>Tiles the record has left, told again with every publication (<see cref="Spatial.IIndexedState"/>).</summary>
    public List<string> LeftTiles { get; set; } = [];
}
