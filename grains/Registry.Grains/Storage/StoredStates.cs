using Orleans.Storage;

namespace Registry.Grains.Storage;

/// <summary>Reading a grain's stored state without activating the grain (bulk paths and reads of many records).</summary>
public static class StoredStates
{
    /// <summary>The state stored for grain <paramref name="id"/> under <paramref name="stateName"/>, with its ETag;
    /// <c>RecordExists</c> false and a new state when none is stored.</summary>
    public static async Task<GrainState<T>> ReadStoredAsync<T>(this IGrainStorage storage, string stateName,
        GrainId id) where T : new()
    {
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, id, state);
        return state;
    }
}
