using System.Globalization;

namespace Registry.Abstractions.Spatial;

/// <summary>
/// One tile of one layer: column <see cref="X"/> (0-71, from longitude -180) and row <see cref="Y"/> (0-35, from
/// latitude -90) of the fixed <see cref="SpatialTiling.TileDegrees"/>-degree grid. <see cref="Key"/> is the tile
/// grain's key, e.g. <c>divisions/59/25</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.TileId")]
public readonly record struct TileId(
    [property: Id(0)] SpatialLayer Layer,
    [property: Id(1)] int X,
    [property: Id(2)] int Y)
{
    public string Key => $"{SpatialTiling.LayerName(Layer)}/{X.ToString(CultureInfo.InvariantCulture)}/{Y.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The region (group of tiles) this tile belongs to.</summary>
    public RegionId Region => new(Layer, X / SpatialTiling.TilesPerRegionSide, Y / SpatialTiling.TilesPerRegionSide);

    public static TileId Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3 || SpatialTiling.ParseLayer(parts[0]) is not { } layer ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var x) ||
            !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ||
            x >= SpatialTiling.Columns || y >= SpatialTiling.Rows)
        {
            throw new FormatException($"'{key}' is not a tile key.");
        }

        return new TileId(layer, x, y);
    }

    public override string ToString() => Key;
}
