namespace Registry.Grains.Indexing;

/// <summary>
/// How often an index partition with pieces written since its last snapshot takes a new one
/// (<see cref="IndexSnapshots{TCheckpoint}"/>). Between snapshots a restart reads the snapshot and the pieces changed
/// since, so the interval bounds that extra reading, not what survives a crash.
/// </summary>
public sealed class IndexSnapshotOptions
{
    /// <summary>Default 1 minute; at least 1 second.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming an unusable setting of <paramref name="section"/>.</summary>
    public void Validate(string section)
    {
        if (SnapshotInterval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"{section}:SnapshotInterval must be at least 1 second.");
        }
    }
}
