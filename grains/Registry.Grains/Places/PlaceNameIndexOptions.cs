namespace Registry.Grains.Places;

/// <summary>
/// The <c>Registry:PlaceNameIndex</c> section: how often an index partition with entries stored since its last
/// snapshot takes a new one (<see cref="Indexing.IndexSnapshotState"/>). Between snapshots a restart reads the
/// snapshot and the pieces changed since, so the interval bounds that extra reading, not what survives a crash.
/// </summary>
public sealed class PlaceNameIndexOptions
{
    /// <summary>Default 1 minute; at least 1 second.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming an unusable setting.</summary>
    public void Validate()
    {
        if (SnapshotInterval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException("Registry:PlaceNameIndex:SnapshotInterval must be at least 1 second.");
        }
    }
}
