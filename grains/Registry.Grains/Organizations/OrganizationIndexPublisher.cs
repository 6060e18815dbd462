using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;
using Registry.Grains.Storage;

namespace Registry.Grains.Organizations;

/// <summary>
/// Carries organization grains' index entries to their partitions in batches: group commit for the search index,
/// one <see cref="GroupCommitQueue{T}"/> per partition. An entry handed over while its partition is busy with an
/// earlier batch waits for the next one, which takes everything waiting then in one
/// <see cref="IOrganizationIndexGrain.UpsertManyAsync"/> call (one write per piece touched, in one storage commit); an
/// entry handed over to an idle partition goes at once, so nothing waits for a timer and a lone registration costs
/// what it did. Each caller's task completes when the batch holding its entry is stored, or fails as its own upsert
/// would: a failed batch is sent again in halves, so an entry the partition refuses fails its own caller only, not
/// the up to <see cref="MaxBatch"/> others that shared its batch. What a grain does after (mark the entry published,
/// or retry) is unchanged. During an import of the register, 64 rows in flight and the outbox relay's publications
/// share a partition's batches instead of taking one grain call and one piece write each. Thread-safe; one per silo.
/// </summary>
public sealed class OrganizationIndexPublisher : IAsyncDisposable
{
    /// <summary>Most entries one batch carries (a partition call's size stays bounded).</summary>
    public const int MaxBatch = 1_024;

    private readonly GroupCommitQueue<OrganizationIndexEntry>[] lanes;

    public OrganizationIndexPublisher(IGrainFactory grains)
    {
        lanes = Enumerable.Range(0, OrganizationIndex.PartitionCount)
            .Select(partition => new GroupCommitQueue<OrganizationIndexEntry>(
                (entries, _) => grains.Get<IOrganizationIndexGrain>(partition).UpsertManyAsync(entries),
                MaxBatch, splitFailures: true))
            .ToArray();
    }

    /// <summary>Stores <paramref name="entry"/> in its partition (see <see cref="IOrganizationIndexGrain.UpsertAsync"/>);
    /// completes when it is stored.</summary>
    public Task UpsertAsync(OrganizationIndexEntry entry) =>
        lanes[OrganizationIndex.PartitionOf(entry.Uscc)].AppendAsync(entry);

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in lanes)
        {
            await lane.DisposeAsync();
        }
    }
}
