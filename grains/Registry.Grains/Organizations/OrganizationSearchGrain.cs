using Orleans.Concurrency;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// Scatter-gather over the index partitions; see <see cref="IOrganizationSearchGrain"/>. Each partition returns its
/// first Skip + Take matches in the query's order, so the merged page is exact.
/// </summary>
[GrainType(StorageNames.OrganizationSearchGrainType)]
[StatelessWorker]
public sealed class OrganizationSearchGrain(IGrainFactory grains) : Grain, IOrganizationSearchGrain
{
    public async Task<OrganizationPage> SearchAsync(OrganizationQuery query)
    {
        var perPartition = query with { Skip = 0, Take = query.Skip + query.Take };
        // A code lives in one partition: ask only that one.
        var partitions = query.Uscc is { } code
            ? [OrganizationIndex.PartitionOf(code)]
            : Enumerable.Range(0, OrganizationIndex.PartitionCount);
        var pages = await Task.WhenAll(partitions.Select(partition => grains.Get<IOrganizationIndexGrain>(partition).SearchAsync(perPartition)));
        var items = pages
            .SelectMany(page => page.Items)
            .Order(OrganizationIndex.Order(query))
            .Skip(query.Skip)
            .Take(query.Take)
            .ToList();
        return new OrganizationPage(pages.Sum(page => page.Total), items);
    }

    public async Task<int> RebuildAsync()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, OrganizationIndex.PartitionCount)
            .Select(partition => grains.Get<IOrganizationIndexGrain>(partition).RebuildAsync()));
        return counts.Sum();
    }
}
