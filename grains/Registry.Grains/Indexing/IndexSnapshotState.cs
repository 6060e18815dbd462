namespace Registry.Grains.Indexing;

/// <summary>
/// Stored snapshot of one index partition: its documents and posting lists as one compact value, so the partition
/// starts from one read. Valid only while the partition's checkpoint names its <see cref="Generation"/>; documents
/// stored after it are in the pieces the checkpoint lists as changed since. The organization index writes its image
/// as an <see cref="IndexImage"/> (<see cref="IndexSnapshots{TCheckpoint}"/>), the place-name index as a
/// <see cref="Places.PlaceNameIndexSnapshot"/>.
/// </summary>
public sealed class IndexSnapshotState
{
    /// <summary>Raised by one at each snapshot of the partition, never reused (0: none taken).</summary>
    public long Generation { get; set; }

    /// <summary>When it was taken.</summary>
    public DateTimeOffset? TakenAt { get; set; }

    /// <summary>How many documents (entries) it holds.</summary>
    public int Entries { get; set; }

    /// <summary>The image, packed (<see cref="IndexImage.Pack"/>) since 2026-12-06; stored earlier, as it is.</summary>
    public byte[] Image { get; set; } = [];
}
