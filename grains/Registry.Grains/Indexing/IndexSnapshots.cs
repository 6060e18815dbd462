namespace Registry.Grains.Indexing;

/// <summary>
/// The snapshot protocol of an index partition stored in pieces (<see cref="StoredIndexPieces{TDoc}"/>): a compact
/// snapshot of the whole partition (<see cref="IndexSnapshotState"/>, an <see cref="IndexImage"/>) plus the pieces
/// written since, which the checkpoint lists (<see cref="IIndexSnapshotCheckpoint"/>) before each is first written.
/// A partition starts from the snapshot the checkpoint names and reads only those pieces again, so an entry stored
/// just before a crash is read back and no start reads every piece; a new snapshot, taken in the background while
/// pieces have changed, empties the list. No write grows with the partition on every change: a piece write is the
/// piece's, the checkpoint is written only when a piece is first written since the snapshot (its list bounded by the
/// piece count), and the snapshot itself at most once per the owner's interval.
/// <para>
/// Crash safety: the snapshot is stored before the checkpoint naming it; stopped between the two, the checkpoint still
/// names the older generation, which no longer matches the stored snapshot, so the next start reads every piece (as
/// without a snapshot). Owned by one grain activation; not thread-safe.
/// </para>
/// </summary>
public sealed class IndexSnapshots<TCheckpoint>(
    IPersistentState<TCheckpoint> checkpoint,
    IPersistentState<IndexSnapshotState> snapshot,
    TimeProvider time)
    where TCheckpoint : IIndexSnapshotCheckpoint
{
    private HashSet<int>? listed;

    /// <summary>The stored snapshot's image when it is the one the checkpoint names, as stored (packed by
    /// <see cref="IndexImage.Pack"/>, or not when stored before images were packed: the image readers take either);
    /// else null (start from every piece). <see cref="Release"/> lets go of it; <see cref="ReadImageAsync"/> reads it
    /// again.</summary>
    public byte[]? Image =>
        checkpoint.State.SnapshotGeneration != 0 && snapshot.State.Generation == checkpoint.State.SnapshotGeneration
        && snapshot.State.Image.Length > 0
            ? snapshot.State.Image
            : null;

    /// <summary>The pieces written since the snapshot in use (empty without one).</summary>
    public IReadOnlyList<int> ChangedPieces => checkpoint.State.ChangedPieces;

    /// <summary>Whether a snapshot is in use (the checkpoint names one).</summary>
    public bool InUse => checkpoint.State.SnapshotGeneration != 0;

    /// <summary>Whether a snapshot is in use and pieces were written since it.</summary>
    public bool Changed => checkpoint.State.SnapshotGeneration != 0 && checkpoint.State.ChangedPieces.Count > 0;

    /// <summary>Forgets the image read at the start (the documents are in memory now; the image would double them).</summary>
    public void Release() => snapshot.State.Image = [];

    /// <summary>
    /// <see cref="Image"/>, read again from storage when <see cref="Release"/> let go of it and the checkpoint still
    /// names that snapshot: a partition that hands its image over (a read replica's copy) more than once holds it
    /// only while it is used, a national place-name partition's being some 16 MB.
    /// </summary>
    public async Task<byte[]?> ReadImageAsync()
    {
        if (InUse && snapshot.State.Image.Length == 0 && snapshot.State.Generation == checkpoint.State.SnapshotGeneration)
        {
            await snapshot.ReadStateAsync();
        }

        return Image;
    }

    /// <summary>
    /// Lists the <paramref name="pieces"/> about to be written that are not listed yet, in one checkpoint write, before
    /// the caller writes them. Nothing to do without a snapshot in use or when all are listed. A failed write throws
    /// with the list as it was.
    /// </summary>
    public async Task ListChangedAsync(IEnumerable<int> pieces)
    {
        if (checkpoint.State.SnapshotGeneration == 0)
        {
            return;
        }

        listed ??= [.. checkpoint.State.ChangedPieces];
        var added = pieces.Where(listed.Add).ToList();
        if (added.Count == 0)
        {
            return;
        }

        checkpoint.State.ChangedPieces.AddRange(added);
        try
        {
            await checkpoint.WriteStateAsync();
        }
        catch
        {
            checkpoint.State.ChangedPieces.RemoveRange(checkpoint.State.ChangedPieces.Count - added.Count, added.Count);
            listed.ExceptWith(added);
            throw;
        }
    }

    /// <summary>
    /// Stores <paramref name="image"/> (of <paramref name="entries"/> documents: every document the partition holds
    /// now), packed (<see cref="IndexImage.Pack"/>), as a snapshot of a new generation, then the checkpoint naming it
    /// with no changed pieces.
    /// </summary>
    public async Task TakeAsync(byte[] image, int entries)
    {
        var generation = Math.Max(snapshot.State.Generation, checkpoint.State.SnapshotGeneration) + 1;
        snapshot.State.Generation = generation;
        snapshot.State.TakenAt = time.GetUtcNow();
        snapshot.State.Entries = entries;
        snapshot.State.Image = IndexImage.Pack(image);
        try
        {
            await snapshot.WriteStateAsync();
        }
        finally
        {
            Release();
        }

        checkpoint.State.SnapshotGeneration = generation;
        checkpoint.State.ChangedPieces.Clear();
        listed?.Clear();
        await checkpoint.WriteStateAsync();
    }

    /// <summary>
    /// Stops using the snapshot (stored in the checkpoint) before the caller rewrites every piece: a stop before the
    /// next snapshot then starts from every piece.
    /// </summary>
    public async Task ForgetAsync()
    {
        if (checkpoint.State.SnapshotGeneration == 0)
        {
            return;
        }

        checkpoint.State.SnapshotGeneration = 0;
        checkpoint.State.ChangedPieces.Clear();
        listed?.Clear();
        await checkpoint.WriteStateAsync();
    }
}
