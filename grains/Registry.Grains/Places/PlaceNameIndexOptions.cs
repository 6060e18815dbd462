namespace Registry.Grains.Places;

/// <summary>
/// The <c>Registry:PlaceNameIndex</c> section: how often an index partition with entries stored since its last
/// snapshot takes a new one (<see cref="Indexing.IndexSnapshotState"/>), and how long a loaded partition no call has
/// needed keeps its entries in memory. Between snapshots a restart reads the snapshot and the pieces changed since, so
/// the interval bounds that extra reading, not what survives a crash.
/// </summary>
public sealed class PlaceNameIndexOptions
{
    /// <summary>Default 1 minute; at least 1 second.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a partition keeps its entries in memory after the last call that needed them (a write, a partition
    /// search, a full copy, a rebuild); then, its snapshot current, it lets them go and is as after a restart: a
    /// process's read replica copies it from its stored image, and the next write loads it again from that image.
    /// Searches are answered by the replica, so after a rebuild or a bulk import the partitions no longer hold a
    /// second index beside it (at national scale some gigabyte). Checked at each snapshot tick, so it takes effect
    /// up to one <see cref="SnapshotInterval"/> later. Default 3 minutes; zero keeps partitions loaded.
    /// </summary>
    public TimeSpan ReleaseWhenIdle { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming an unusable setting.</summary>
    public void Validate()
    {
        if (SnapshotInterval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException("Registry:PlaceNameIndex:SnapshotInterval must be at least 1 second.");
        }

        if (ReleaseWhenIdle < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Registry:PlaceNameIndex:ReleaseWhenIdle must not be negative (zero keeps partitions loaded).");
        }
    }
}
