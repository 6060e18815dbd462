namespace Registry.Grains.Organizations;

/// <summary>
/// Reads the stored organization records of one index partition straight from storage, without activating their
/// grains; used to build an index partition. Implemented by the silo over its grain-state store.
/// </summary>
public interface IOrganizationRecordSource
{
    IAsyncEnumerable<OrganizationState> ReadPartitionAsync(int partition, CancellationToken cancellationToken);
}
