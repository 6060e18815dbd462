namespace Registry.Grains.Places;

/// <summary>
/// Reads the stored place-name records of one index partition straight from storage, without activating their
/// grains; used to build an index partition. Implemented by the silo over its grain-state store.
/// </summary>
public interface IPlaceNameRecordSource
{
    IAsyncEnumerable<PlaceNameState> ReadPartitionAsync(int partition, CancellationToken cancellationToken);
}
