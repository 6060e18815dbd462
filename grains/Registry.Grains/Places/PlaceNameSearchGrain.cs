using Orleans.Concurrency;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;

namespace Registry.Grains.Places;

/// <summary>
/// Scatter-gather over the index partitions; see <see cref="IPlaceNameSearchGrain"/>. Each partition returns its
/// first Skip + Take in the query's order (each hit carries how it matched, so the ranking needs no second look at
/// the text), so the merged page is exact. A stateless worker: searches spread over silos and activations.
/// </summary>
[GrainType(StorageNames.PlaceNameSearchGrainType)]
[StatelessWorker]
public sealed class PlaceNameSearchGrain(IGrainFactory grains, BureauClock clock) : Grain, IPlaceNameSearchGrain
{
    public async Task<PlaceNamePage> SearchAsync(PlaceNameQuery query)
    {
        var perPartition = query with { Skip = 0, Take = query.Skip + query.Take };
        var pages = await Task.WhenAll(Enumerable.Range(0, PlaceNameIndex.PartitionCount)
            .Select(p => grains.Get<IPlaceNameIndexGrain>(p).SearchAsync(perPartition)));
        var items = pages
            .SelectMany(page => page.Items)
            .Order(PlaceNameIndex.Order(query))
            .Skip(query.Skip)
            .Take(query.Take)
            .ToList();
        return new PlaceNamePage(pages.Sum(page => page.Total), items);
    }

    public async Task<int> RebuildAsync(DateTimeOffset? askedAt = null)
    {
        var asked = askedAt ?? clock.Now;
        var counts = await Task.WhenAll(Enumerable.Range(0, PlaceNameIndex.PartitionCount)
            .Select(p => grains.Get<IPlaceNameIndexGrain>(p).RebuildAsync(asked)));
        return counts.Sum();
    }
}
