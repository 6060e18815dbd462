namespace Registry.Grains.Storage;

/// <summary>
/// Reads committed grain state straight from storage, for reports over every record of a kind and for index
/// rebuilds, without activating a grain per record. Implemented by the silo over its grain-state store.
/// </summary>
public interface IStoredRecords
{
    /// <summary>Every stored state of <paramref name="stateName"/>, read as <typeparamref name="T"/>, in key order.</summary>
    IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, CancellationToken cancellationToken = default);
}
