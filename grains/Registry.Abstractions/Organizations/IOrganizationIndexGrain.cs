using Orleans.Concurrency;

namespace Registry.Abstractions.Organizations;

/// <summary>
/// One partition of the organization search index, keyed by partition number 0..N-1 (an organization's partition
/// is a stable hash of its USCC, see <c>OrganizationIndex.PartitionOf</c>). The partition is held in memory: it is
/// built from the stored organization records when it activates and kept in step by each organization grain after
/// its own write. Nothing of it is stored, so it cannot be lost or go stale across restarts.
/// </summary>
[Alias("Registry.Organizations.IOrganizationIndexGrain")]
public interface IOrganizationIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the entry unless the partition holds a newer revision. Idempotent.</summary>
    Task UpsertAsync(OrganizationIndexEntry entry);

    /// <summary>
    /// How many entries of this partition match, and the first <c>Skip + Take</c> of them in the query's order (the
    /// caller merges partitions before paging).
    /// </summary>
    [ReadOnly]
    Task<OrganizationPage> SearchAsync(OrganizationQuery query);

    /// <summary>Forgets the partition and reads it again from the stored records; returns the entry count.</summary>
    Task<int> RebuildAsync();
}
