namespace Registry.Abstractions.Spatial;

/// <summary>The tiles of a region that hold at least one record, as of <see cref="Stamp"/>. Immutable.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.RegionSnapshot")]
public sealed record RegionSnapshot(
    [property: Id(0)] RegionId Region,
    [property: Id(1)] TileStamp Stamp,
    [property: Id(2)] IReadOnlyList<TileId> OccupiedTiles);
