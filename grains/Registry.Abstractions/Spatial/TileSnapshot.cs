namespace Registry.Abstractions.Spatial;

/// <summary>Everything a tile holds, as of <see cref="Stamp"/>. Immutable.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.TileSnapshot")]
public sealed record TileSnapshot(
    [property: Id(0)] TileId Tile,
    [property: Id(1)] TileStamp Stamp,
    [property: Id(2)] IReadOnlyList<TileEntry> Entries);
