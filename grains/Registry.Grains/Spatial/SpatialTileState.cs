namespace Registry.Grains.Spatial;

/// <summary>Stored state of a tile: only the keys of the records it holds (their geometry stays with them).</summary>
public sealed class SpatialTileState
{
    public List<string> Members { get; set; } = [];
}
