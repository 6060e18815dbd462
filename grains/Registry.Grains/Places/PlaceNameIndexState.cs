using Registry.Grains.Indexing;

namespace Registry.Grains.Places;

/// <summary>
/// Stored checkpoint of one place-name index partition (its entries are stored in pieces, see
/// <see cref="PlaceNameIndex.PieceOf"/>): the piece layout and entry version its pieces were written with and when
/// they were last built from the place-name records. Constant size. A partition without a checkpoint (a data
/// directory written before the index kept its own state, or after a bulk import that wrote records directly) or
/// with another layout builds its pieces from the records once, then stores this checkpoint and never reads the
/// records again unless asked to rebuild. With a valid snapshot it starts from the snapshot and the pieces changed
/// since.
/// </summary>
public sealed class PlaceNameIndexState : IIndexSnapshotCheckpoint
{
    /// <summary>Pieces per partition the stored pieces were written with (0: never built).</summary>
    public int PieceCount { get; set; }

    /// <summary><see cref="PlaceNameIndex.EntryVersion"/> the stored entries were computed with.</summary>
    public int EntryVersion { get; set; }

    /// <summary>When the pieces were last built from the place-name records.</summary>
    public DateTimeOffset? BuiltAt { get; set; }

    /// <summary>How many entries that build found.</summary>
    public int BuiltEntries { get; set; }

    /// <summary>The generation of the partition's stored snapshot (<see cref="Indexing.IndexSnapshotState"/>) that
    /// holds every entry stored before it, except those in <see cref="ChangedPieces"/>; 0: none, start from the
    /// pieces.</summary>
    public long SnapshotGeneration { get; set; }

    /// <summary>The pieces written since that snapshot, each listed (and this checkpoint stored) before its first
    /// write: a partition starting from the snapshot reads these pieces again and so misses no entry stored after
    /// it, also when the process stopped before the next snapshot. At most <see cref="PlaceNameIndex.PieceCount"/>.</summary>
    public List<int> ChangedPieces { get; set; } = [];
}
