using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// A reader that keeps a copy of the place-name index (a process's read replica), told by each partition of every
/// change before the call that made it returns, so a client reads its own writes from the copy.
/// </summary>
[Alias("Registry.Places.IPlaceNameIndexObserver")]
public interface IPlaceNameIndexObserver : IGrainObserver
{
    /// <summary>These entries of <paramref name="partition"/> changed; <paramref name="stamp"/> is the partition's
    /// version after them.</summary>
    Task EntriesChangedAsync(int partition, PlaceNameIndexStamp stamp, IReadOnlyList<PlaceNameIndexEntry> entries);

    /// <summary>The partition was built again from the records (<paramref name="stamp"/> after it): copy it again.</summary>
    Task PartitionRebuiltAsync(int partition, PlaceNameIndexStamp stamp);
}

/// <summary>The version of a partition's entries in one activation (a new activation starts a new epoch).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameIndexStamp")]
public readonly record struct PlaceNameIndexStamp([property: Id(0)] Guid Epoch, [property: Id(1)] long Counter);

/// <summary>
/// Every entry of a partition as of <see cref="Stamp"/>, in one of two forms. Without <see cref="Image"/>: the
/// entries in the order of their local ids, with their versions and the partition's posting lists over those ids, so a
/// reader restores its copy from the lists instead of computing every entry's terms again. With it (a partition that
/// has not loaded its entries, as after a restart): the partition's stored snapshot image as stored (packed, so a
/// copy carries some 5.7 MB a national partition instead of 16, and the reader unpacks it: read by
/// <c>PlaceNameIndexSnapshot</c>), and in <see cref="Entries"/> and <see cref="Versions"/> the entries of the pieces
/// written since it, to apply over the image newest-wins (<see cref="Postings"/> empty); the partition then need not
/// decode its snapshot only to hand it over.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNamePartitionCopy")]
public sealed record PlaceNamePartitionCopy(
    [property: Id(0)] PlaceNameIndexStamp Stamp,
    [property: Id(1)] IReadOnlyList<PlaceNameIndexEntry> Entries,
    [property: Id(2)] IReadOnlyList<long> Versions,
    [property: Id(3)] IReadOnlyList<PlaceNamePosting> Postings,
    [property: Id(4)] byte[]? Image = null);

/// <summary>The ascending local ids (positions in <see cref="PlaceNamePartitionCopy.Entries"/>) of the entries
/// that have a term.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNamePosting")]
public sealed record PlaceNamePosting([property: Id(0)] string Term, [property: Id(1)] int[] Ids);
