using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Registry.Abstractions.Divisions;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Divisions;

/// <summary>
/// Publishes many division records at once (<see cref="IBulkPublisher"/>): the outbox rows of an edition import
/// (tens of thousands of records written by the seeder, without their grains) or of a restart. Each record's entry is
/// computed from its stored state by the function its grain uses (<see cref="DivisionDirectory.EntryOf"/>) and each
/// directory part gets one call with every entry of its divisions, stored in one write and only when something
/// changed (after an import the seeder has put them already), instead of one activation per division.
/// Thread-safe (no state of its own).
/// </summary>
/// <remarks>Ordered per record as <see cref="Marriages.MarriageBulkPublisher"/> is: a record whose stored version
/// changed while this sent what it read is published again through its grain, after this.</remarks>
public sealed class DivisionBulkPublisher(IServiceProvider services, IGrainFactory grains) : IBulkPublisher
{
    public string StateName => StorageNames.Division;

    public async Task PublishAsync(IReadOnlyList<string> grainIds, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var ids = grainIds.Select(GrainId.Parse).ToList();
        var read = await Task.WhenAll(ids.Select(id =>
            storage.ReadStoredAsync<DivisionState>(StorageNames.Division, id)));
        var records = ids.Zip(read)
            .Where(pair => pair.Second is { RecordExists: true, State.Code.Length: > 0 })
            .ToList();
        await Task.WhenAll(records
            .Select(record => DivisionDirectory.EntryOf(record.Second.State!))
            .GroupBy(entry => DivisionDirectory.PartOf(entry.Code), StringComparer.Ordinal)
            .Select(part => grains.GetGrain<IDivisionDirectoryPartGrain>(part.Key).PutManyAsync(part.ToList())));

        var written = await storage.WrittenSinceAsync<DivisionState>(StorageNames.Division,
            records.Select(r => (r.First, r.Second.ETag)).ToList());
        await Task.WhenAll(written.Select(id => grains.GetGrain<IDivisionGrain>(id).PublishAsync()));
    }

    public Task PublishOneAsync(string grainId) =>
        grains.GetGrain<IDivisionGrain>(GrainId.Parse(grainId)).PublishAsync();
}
