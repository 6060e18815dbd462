using Orleans.Concurrency;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>A record that appears in the spatial index: its tiles ask it for their part of it.</summary>
public interface IIndexedRecordGrain
{
    /// <summary>
    /// This record's entries for <paramref name="tile"/> at its current revision, or null when that revision equals
    /// <paramref name="knownRevision"/> (the tile already has it). Read-only; idempotent.
    /// </summary>
    [ReadOnly]
    Task<IndexedRecordPart?> GetTileEntriesAsync(TileId tile, long knownRevision);
}
