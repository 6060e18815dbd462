using Orleans.Concurrency;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Boundaries;

/// <summary>A record that appears in the spatial index: its tiles ask it for their part of it.</summary>
public interface IIndexedRecordGrain
{
    /// <summary>
    /// This record's entries for <paramref name="tile"/> at its last committed revision, or null when that revision
    /// equals <paramref name="knownRevision"/> (the tile already has it). Read-only; idempotent. Always interleaved:
    /// it answers from an immutable copy of the committed record, so a tile can ask a record that is itself busy
    /// telling that tile about a change (which would otherwise deadlock both).
    /// </summary>
    [AlwaysInterleave]
    Task<IndexedRecordPart?> GetTileEntriesAsync(TileId tile, long knownRevision);
}
