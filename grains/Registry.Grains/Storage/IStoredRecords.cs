namespace Registry.Grains.Storage;

/// <summary>
/// Reads committed grain state straight from storage, for reports over every record of a kind and for index
/// rebuilds, without activating a grain per record. Implemented by the silo over its grain-state store, or over the
/// official Azure Table provider's table.
/// </summary>
public interface IStoredRecords
{
    /// <summary>
    /// Every stored state of <paramref name="stateName"/>, read as <typeparamref name="T"/>, in key order; with
    /// <paramref name="keyFilter"/>, only those whose grain key (the record's own key, e.g. a USCC) it accepts, as an
    /// index partition reads its share.
    /// </summary>
    IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, Func<string, bool>? keyFilter = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Every stored state of <paramref name="stateName"/> whose grain id (its full text, <c>type/key</c>) starts with
    /// <paramref name="grainIdPrefix"/>, with its ETag, read in one query from the same store the grain storage
    /// writes to: what a read of each through the grain storage would give, at once, as an index partition loads
    /// its stored pieces. Null where the storage cannot answer it exactly (on Azure Table, ids holding a character the
    /// provider's keys replace): the caller then reads each state by itself.
    /// </summary>
    Task<IReadOnlyList<StoredGrainState<T>>?> ReadPrefixAsync<T>(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredGrainState<T>>?>(null);

    /// <summary>
    /// The stored states of <paramref name="grainIds"/> (grain ids as text, <c>type/key</c>) under
    /// <paramref name="stateName"/>, read as <typeparamref name="T"/>, in the order given, null where none is stored:
    /// what a read of each through the grain storage would give, read together from the store the grain storage
    /// writes to (a search reading dozens of persons' records). Null where the storage cannot (the official Azure
    /// Table provider): the caller then reads each state by itself.
    /// </summary>
    Task<IReadOnlyList<T?>?> ReadManyAsync<T>(string stateName, IReadOnlyList<string> grainIds,
        CancellationToken cancellationToken = default) where T : class =>
        Task.FromResult<IReadOnlyList<T?>?>(null);
}
