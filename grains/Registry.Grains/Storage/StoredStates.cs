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

    /// <summary>
    /// Which of the records read before (each id with the ETag it had then) have been written since, read again: for
    /// a bulk publication, whose older version may have reached a read model after the newer one a grain sent.
    /// </summary>
    public static async Task<IReadOnlyList<GrainId>> WrittenSinceAsync<T>(this IGrainStorage storage,
        string stateName, IReadOnlyList<(GrainId Id, string? ETag)> read) where T : new()
    {
        var now = await Task.WhenAll(read.Select(record => storage.ReadStoredAsync<T>(stateName, record.Id)));
        return read.Zip(now).Where(pair => pair.Second.ETag != pair.First.ETag).Select(pair => pair.First.Id).ToList();
    }
}
