using Orleans.Concurrency;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// Scatter-gather over the index partitions; see <see cref="IOrganizationSearchGrain"/>. Each partition returns its
/// first Skip + Take matches in the query's order, so the merged page is exact. Partitions active in this silo are
/// read directly (<see cref="LocalOrganizationPartitions"/>), the others by grain call, with the same answer.
/// </summary>
[GrainType(StorageNames.OrganizationSearchGrainType)]
[StatelessWorker]
public sealed class OrganizationSearchGrain(IGrainFactory grains, LocalOrganizationPartitions local)
    : Grain, IOrganizationSearchGrain
{
    public async Task<OrganizationPage> SearchAsync(OrganizationQuery query)
    {
        var perPartition = query with { Skip = 0, Take = query.Skip + query.Take };
        // A code lives in one partition: ask only that one.
        var partitions = query.Uscc is { } code
            ? [OrganizationIndex.PartitionOf(code)]
            : Enumerable.Range(0, OrganizationIndex.PartitionCount);
        var pages = new List<OrganizationPage>(OrganizationIndex.PartitionCount);
        List<Task<OrganizationPage>>? remote = null;
        foreach (var partition in partitions)
        {
            if (local.TryGet(partition, out var read))
            {
                pages.Add(read(perPartition));
            }
            else
            {
                (remote ??= []).Add(grains.Get<IOrganizationIndexGrain>(partition).SearchAsync(perPartition));
            }
        }

        if (remote is not null)
        {
            pages.AddRange(await Task.WhenAll(remote));
        }

        return OrganizationIndex.Merge(pages, query);
    }

    public async Task<int> RebuildAsync()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, OrganizationIndex.PartitionCount)
            .Select(partition => grains.Get<IOrganizationIndexGrain>(partition).RebuildAsync()));
        return counts.Sum();
    }
}
