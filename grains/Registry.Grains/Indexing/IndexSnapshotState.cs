namespace Registry.Grains.Indexing;

/// <summary>
/// Stored snapshot of one index partition: its documents and posting lists as one compact value
/// (<see cref="IndexImage"/>), so the partition starts from one read. Valid only while the partition's checkpoint
/// names its <see cref="Generation"/> (<see cref="IIndexSnapshotCheckpoint.SnapshotGeneration"/>); documents stored
/// after it are in the pieces the checkpoint lists as changed since. See <see cref="IndexSnapshots{TCheckpoint}"/>.
/// </summary>
public sealed class IndexSnapshotState
{
    /// <summary>Raised by one at each snapshot of the partition, never reused (0: none taken).</summary>
    public long Generation { get; set; }

    /// <summary>When it was taken.</summary>
    public DateTimeOffset? TakenAt { get; set; }

    /// <summary>How many documents it holds.</summary>
    public int Entries { get; set; }

    /// <summary>The image (<see cref="IndexImage"/>).</summary>
    public byte[] Image { get; set; } = [];
}
