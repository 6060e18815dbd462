using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// One partition of the place-name index, keyed by partition number 0..N-1 (a stable hash of the record id). Held
/// in memory with a spatial tree; built from the stored records on activation and kept in step by each place-name
/// grain after its write. Nothing is stored, so it cannot go stale across restarts.
/// </summary>
[Alias("Registry.Places.IPlaceNameIndexGrain")]
public interface IPlaceNameIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the entry unless the partition holds a newer revision. Idempotent.</summary>
    Task UpsertAsync(PlaceNameIndexEntry entry);

    /// <summary>This partition's matches: the first Skip + Take in the query's order, and the match count.</summary>
    [ReadOnly]
    Task<PlaceNamePage> SearchAsync(PlaceNameQuery query);

    /// <summary>Reads the partition again from storage; returns its entry count.</summary>
    Task<int> RebuildAsync();
}
