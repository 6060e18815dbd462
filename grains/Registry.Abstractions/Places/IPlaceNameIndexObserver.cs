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
/// Every entry of a partition as of <see cref="Stamp"/>, in the order of its local ids, with their versions and the
/// partition's posting lists over those ids: a reader restores its copy from the lists instead of computing every
/// entry's terms again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNamePartitionCopy")]
public sealed record PlaceNamePartitionCopy(
    [property: Id(0)] PlaceNameIndexStamp Stamp,
    [property: Id(1)] IReadOnlyList<PlaceNameIndexEntry> Entries,
    [property: Id(2)] IReadOnlyList<long> Versions,
    [property: Id(3)] IReadOnlyList<PlaceNamePosting> Postings);

/// <summary>The ascending local ids (positions in <see cref="PlaceNamePartitionCopy.Entries"/>) of the entries
/// that have a term.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNamePosting")]
public sealed record PlaceNamePosting([property: Id(0)] string Term, [property: Id(1)] int[] Ids);
