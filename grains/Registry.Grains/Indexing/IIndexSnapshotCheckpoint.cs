namespace Registry.Grains.Indexing;

/// <summary>
/// The part of an index partition's stored checkpoint that says which snapshot it starts from and which of its
/// stored pieces were written since (<see cref="IndexSnapshots{TCheckpoint}"/>).
/// </summary>
public interface IIndexSnapshotCheckpoint
{
    /// <summary>The generation of the partition's stored snapshot (<see cref="IndexSnapshotState"/>) that holds every
    /// document stored before it, except those in <see cref="ChangedPieces"/>; 0: none, start from the pieces.</summary>
    long SnapshotGeneration { get; set; }

    /// <summary>The pieces written since that snapshot, each listed (and the checkpoint stored) before its first
    /// write; at most the partition's piece count.</summary>
    List<int> ChangedPieces { get; set; }
}
