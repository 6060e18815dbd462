namespace Registry.Abstractions.Spatial;

/// <summary>
/// The version of a tile's (or region's) in-memory content: <see cref="Epoch"/> is new for every activation, and
/// <see cref="Counter"/> grows with every change within it. Two equal stamps mean the same content.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Spatial.TileStamp")]
public readonly record struct TileStamp([property: Id(0)] Guid Epoch, [property: Id(1)] long Counter);
