using Registry.Abstractions.Grains;
using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// One partition of the place-name index, keyed by partition number 0..N-1 (a stable hash of the record id, see
/// <c>PlaceNameIndex.PartitionOf</c>). The partition stores its own entries (in bounded pieces, with a checkpoint)
/// and starts from them, never from the place-name records; it is kept in step by each place-name grain after its
/// own write and by the outbox relay. Searches intersect posting lists of the characters and bigrams of every name
/// and spelling (current, alias, former), category, status and division; box and nearest queries use a spatial tree.
/// </summary>
[Alias("Registry.Places.IPlaceNameIndexGrain")]
public interface IPlaceNameIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the entry unless the partition holds the same or a newer version of it (revision,
    /// then the day it was computed for); stored on return. Idempotent.</summary>
    Task UpsertAsync(PlaceNameIndexEntry entry);

    /// <summary>This partition's matches: the first Skip + Take in the query's order, and the match count.</summary>
    [ReadOnly]
    Task<PlaceNamePage> SearchAsync(PlaceNameQuery query);

    /// <summary>
    /// Maintenance: builds the partition's stored entries again from the place-name records (a scan of the
    /// partition's share of them, e.g. after a bulk import into a running service) and returns the entry count.
    /// Never needed to start. A build that began after <paramref name="askedAt"/> (bureau clock) and has completed
    /// answers the ask without another: asks repeated while a long build runs (a client retrying after a timeout)
    /// wait their turn and are answered by it, instead of each queueing a full build of its own.
    /// </summary>
    [ResponseTimeout(RebuildTimeout.Limit)]
    Task<int> RebuildAsync(DateTimeOffset askedAt);

    /// <summary>Tells <paramref name="observer"/> of every change for a few minutes (renewed by calling again) and
    /// returns the partition's current version.</summary>
    Task<PlaceNameIndexStamp> SubscribeAsync(IPlaceNameIndexObserver observer);

    /// <summary>Every entry of the partition with its version, for a reader's copy. With
    /// <paramref name="imageIfNotLoaded"/>, a partition that has not loaded its entries answers with its stored
    /// snapshot image and the entries written since (<see cref="PlaceNamePartitionCopy.Image"/>) instead of loading.
    /// </summary>
    [ReadOnly]
    Task<PlaceNamePartitionCopy> CopyAsync(bool imageIfNotLoaded = false);

    /// <summary>Computes again, in memory, the entries whose rename or abolition has taken effect by today (and tells
    /// the observers); a copy that holds an entry past its <see cref="PlaceNameIndexEntry.RefreshOn"/> asks this.</summary>
    Task RefreshDueAsync();
}
