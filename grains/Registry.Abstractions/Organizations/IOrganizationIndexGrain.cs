using Registry.Abstractions.Grains;
using Orleans.Concurrency;

namespace Registry.Abstractions.Organizations;

/// <summary>
/// One partition of the organization search index, keyed by partition number 0..N-1 (an organization's partition
/// is a stable hash of its USCC, see <c>OrganizationIndex.PartitionOf</c>). The partition stores its own entries (in
/// bounded pieces, with a checkpoint) and starts from them, never from the organization records; it is kept in step by
/// each organization grain after its own write and by the outbox relay. Searches intersect posting lists of name and
/// legal-representative bigrams, kind, status, office (with the offices above it) and list.
/// </summary>
[Alias("Registry.Organizations.IOrganizationIndexGrain")]
public interface IOrganizationIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the entry unless the partition holds the same or a newer revision; stored on return.
    /// Idempotent.</summary>
    Task UpsertAsync(OrganizationIndexEntry entry);

    /// <summary>
    /// <see cref="UpsertAsync"/> for several entries in one call: each is kept unless the partition holds the same or
    /// a newer revision (of several entries of one code, the newest counts), and the pieces they fall in are written
    /// once each, in one group commit; stored on return. Idempotent.
    /// </summary>
    Task UpsertManyAsync(IReadOnlyList<OrganizationIndexEntry> entries);

    /// <summary>
    /// Loads the partition's entries into memory if they are not (every other call does so first); the silo asks each
    /// partition at its start, in the background, so the first search finds them loaded. Idempotent.
    /// </summary>
    [ReadOnly]
    Task LoadAsync();

    /// <summary>
    /// How many entries of this partition match, and the first <c>Skip + Take</c> of them in the query's order (the
    /// caller merges partitions before paging).
    /// </summary>
    [ReadOnly]
    Task<OrganizationPage> SearchAsync(OrganizationQuery query);

    /// <summary>
    /// The codes of the active organizations whose next deadline, by their entries and today's filing windows, is on
    /// or before <paramref name="today"/> (the partition's deadline sweep asks each to apply its deadlines).
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> DueAsync(DateOnly today);

    /// <summary>
    /// Maintenance: builds the partition's stored entries again from the organization records (a scan of the
    /// partition's share of them) and returns the entry count. Never needed to start.
    /// </summary>
    [ResponseTimeout(RebuildTimeout.Limit)]
    Task<int> RebuildAsync();
}
