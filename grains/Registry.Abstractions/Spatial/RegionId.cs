using System.Globalization;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// A block of <see cref="SpatialTiling.TilesPerRegionSide"/> x <see cref="SpatialTiling.TilesPerRegionSide"/> tiles
/// (45 degrees square; 8 x 4 regions cover the world) of one layer. A region grain knows which of its tiles hold
/// anything, so that box queries and listings skip empty tiles. <see cref="Key"/> e.g. <c>divisions/6/2</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.RegionId")]
public readonly record struct RegionId(
    [property: Id(0)] SpatialLayer Layer,
    [property: Id(1)] int X,
    [property: Id(2)] int Y)
{
    public string Key => $"{SpatialTiling.LayerName(Layer)}/{X.ToString(CultureInfo.InvariantCulture)}/{Y.ToString(CultureInfo.InvariantCulture)}";

    public static RegionId Parse(string key)
    {
        var tile = TileId.Parse(key);
        return new RegionId(tile.Layer, tile.X, tile.Y);
    }

    public override string ToString() => Key;
}
