namespace Registry.Grains.Places;

/// <summary>
/// Stored snapshot of one place-name index partition (<see cref="PlaceNameIndexSnapshot"/>): the whole partition's
/// entries and posting lists as one compact value, so a partition starts from one read. Valid only while the
/// partition's checkpoint names its <see cref="Generation"/> (<see cref="PlaceNameIndexState.SnapshotGeneration"/>);
/// entries stored after it are in the pieces the checkpoint lists as changed since
/// (<see cref="PlaceNameIndexState.ChangedPieces"/>).
/// </summary>
public sealed class PlaceNameIndexSnapshotState
{
    /// <summary>Raised by one at each snapshot of the partition, never reused (0: none taken).</summary>
    public long Generation { get; set; }

    /// <summary>When it was taken.</summary>
    public DateTimeOffset? TakenAt { get; set; }

    /// <summary>How many entries it holds.</summary>
    public int Entries { get; set; }

    /// <summary>The image (<see cref="PlaceNameIndexSnapshot.Write"/>).</summary>
    public byte[] Image { get; set; } = [];
}
