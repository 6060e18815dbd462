namespace Registry.Abstractions.Places;

/// <summary>Searches every index partition and merges (stateless worker, key 0).</summary>
[Alias("Registry.Places.IPlaceNameSearchGrain")]
public interface IPlaceNameSearchGrain : IGrainWithIntegerKey
{
    Task<PlaceNamePage> SearchAsync(PlaceNameQuery query);

    /// <summary>Rebuilds every partition's stored entries from the records (after a bulk import into a running
    /// service); returns the total entry count.</summary>
    Task<int> RebuildAsync();
}
