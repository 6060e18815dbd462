using Registry.Abstractions.Spatial;

namespace Registry.Grains.Spatial;

/// <summary>
/// What a tile stores of one record: the record's clipped entries in the tile at <see cref="Revision"/>. A record
/// that left the tile keeps an empty part with its revision, so a late publication of an older revision cannot put it
/// back; such parts are as many as the records that ever touched the tile.
/// </summary>
public sealed record StoredTilePart(long Revision, List<TileEntry> Entries);
