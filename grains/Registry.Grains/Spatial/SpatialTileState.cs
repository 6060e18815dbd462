namespace Registry.Grains.Spatial;

/// <summary>Stored state of a tile as an earlier build kept it: only the keys of the records it held (their entries
/// were asked from them on every activation). Now read once and emptied (<see cref="SpatialTileGrain"/>); the entries
/// live in the tile's stored pieces.</summary>
public sealed class SpatialTileState
{
    public List<string> Members { get; set; } = [];
}
