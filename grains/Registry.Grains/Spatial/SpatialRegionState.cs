namespace Registry.Grains.Spatial;

/// <summary>Stored state of a region: the keys of its tiles that hold at least one record.</summary>
public sealed class SpatialRegionState
{
    public List<string> OccupiedTiles { get; set; } = [];
}
