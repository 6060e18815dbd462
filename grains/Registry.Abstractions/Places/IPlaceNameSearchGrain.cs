using Registry.Abstractions.Grains;
namespace Registry.Abstractions.Places;

/// <summary>Searches every index partition and merges (stateless worker, key 0).</summary>
[Alias("Registry.Places.IPlaceNameSearchGrain")]
public interface IPlaceNameSearchGrain : IGrainWithIntegerKey
{
    Task<PlaceNamePage> SearchAsync(PlaceNameQuery query);

    /// <summary>Rebuilds every partition's stored entries from the records (after a bulk import into a running
    /// service); returns the total entry count. Each partition is answered by a build that began after
    /// <paramref name="askedAt"/> (bureau clock; now when null): a client retrying an ask that timed out passes the
    /// first ask's time and is answered by the build that ask started, instead of queueing one more.</summary>
    [ResponseTimeout(RebuildTimeout.Limit)]
    Task<int> RebuildAsync(DateTimeOffset? askedAt = null);
}
