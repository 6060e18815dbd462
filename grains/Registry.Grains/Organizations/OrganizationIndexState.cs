using Registry.Grains.Indexing;

namespace Registry.Grains.Organizations;

/// <summary>
/// Stored checkpoint of one search-index partition (its entries are stored in pieces, see
/// <see cref="OrganizationIndex.PieceOf(string)"/>): the piece layout its pieces were written with and when they were last
/// built from the organization records. A partition without a checkpoint (a data directory written before the index kept
/// its own state) builds its pieces from the records once, one with an older layout moves its pieces; then it stores
/// this checkpoint and never reads the records again unless asked to rebuild. With a valid snapshot
/// (<see cref="SnapshotGeneration"/>) it starts from the snapshot and the pieces changed since
/// (<see cref="IndexSnapshots{TCheckpoint}"/>). Bounded: the list of changed pieces holds at most
/// <see cref="OrganizationIndex.PieceCount"/> numbers.
/// </summary>
public sealed class OrganizationIndexState : IIndexSnapshotCheckpoint
{
    /// <summary>Pieces per partition the stored pieces were written with (0: never built).</summary>
    public int PieceCount { get; set; }

    /// <summary>When the pieces were last built from the organization records.</summary>
    public DateTimeOffset? BuiltAt { get; set; }

    /// <summary>How many entries that build found.</summary>
    public int BuiltEntries { get; set; }

    /// <inheritdoc />
    public long SnapshotGeneration { get; set; }

    /// <inheritdoc />
    public List<int> ChangedPieces { get; set; } = [];

    /// <summary>Whether the pieces of the layouts before the current one (the plain piece type: 128 or 512 pieces) are
    /// known to be gone from storage; false in a checkpoint written before they were removed, so a partition moved
    /// earlier removes what its move left behind.</summary>
    public bool OlderPiecesRemoved { get; set; }
}
