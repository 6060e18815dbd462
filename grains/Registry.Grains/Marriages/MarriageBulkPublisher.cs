using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Statistics;
using Registry.Abstractions.Time;
using Registry.Grains.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>
/// Publishes many marriage records at once (<see cref="IBulkPublisher"/>), for the outbox relay's rows of records the
/// archive import stored without their grains: each record's read-model entries are computed from its stored state
/// by the same functions its grain uses (<see cref="MarriageStatistics"/>, <see cref="OfficeRegister"/>,
/// <see cref="PersonNameIndex"/>), and each statistics partition, office-day register partition and person-name
/// partition gets one call with every record's entries there, stored in one write, instead of one activation of each
/// record and one call and write per record and read model. Thread-safe (no state of its own).
/// </summary>
/// <remarks>
/// Ordered per record: a record's grain may write and publish a newer version while this sends what it read; the
/// partitions replace a record's entries (and upsert its facts) with whatever arrives last, so an older version
/// arriving after the newer one would stay. So after sending, the stored versions are read again, and a record whose
/// version changed since it was read is published once more through its grain, in full
/// (<see cref="IMarriageGrain.RepublishAsync"/>): that comes after this publication, and the grain's own later
/// publications after that. Idempotent as the records' own publications are: partitions replace a record's entries,
/// statistics pages upsert by fact id.
/// </remarks>
public sealed class MarriageBulkPublisher(IServiceProvider services, IGrainFactory grains, BureauClock clock)
    : IBulkPublisher
{
    public string StateName => StorageNames.Marriage;

    public async Task PublishAsync(IReadOnlyList<string> grainIds, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var ids = grainIds.Select(GrainId.Parse).ToList();
        var read = await Task.WhenAll(ids.Select(id => storage.ReadStoredAsync<MarriageState>(StorageNames.Marriage, id)));
        var records = ids.Zip(read).Where(pair => pair.Second is { RecordExists: true, State: not null })
            .Select(pair => (Id: pair.First, RecordKey: $"marriage:{pair.First.Key}", Stored: pair.Second,
                State: pair.Second.State!))
            .ToList();
        if (records.Count == 0)
        {
            return;
        }

        var zone = clock.Zone;
        var statistics = records.Select(r => (r.RecordKey, Figures: MarriageStatistics.Of(r.State, zone)))
            .ToList();
        var registers = PartitionBatches.Of(
            records.Select(r => (r.RecordKey, OfficeRegister.Of(r.State, zone))), e => e.PartitionKey);
        var names = PartitionBatches.Of(
            records.Select(r => (r.RecordKey, PersonNameIndex.Of(r.State))), e => e.PartitionKey);
        var periods = statistics.SelectMany(s => s.Figures.Period)
            .GroupBy(fact => StatisticsKeys.Partition(fact.Office, fact.Date), StringComparer.Ordinal);
        var levels = statistics.SelectMany(s => s.Figures.Levels
            .GroupBy(change => StatisticsKeys.Province(change.Office), StringComparer.Ordinal)
            .Select(group => (s.RecordKey, Province: group.Key, Changes: group.ToList())));

        await Task.WhenAll(
            periods.Select(group => grains.GetGrain<IStatisticsPartitionGrain>(group.Key).ApplyBulkAsync(group.ToList()))
                .Concat(levels.Select(level =>
                    grains.GetGrain<IStatisticsLevelGrain>(level.Province).ApplyAsync(level.RecordKey, level.Changes)))
                .Concat(registers.Select(pair => grains.GetGrain<IOfficeRegisterGrain>(pair.Key).ApplyManyAsync(pair.Value)))
                .Concat(names.Select(pair => grains.GetGrain<IPersonNameIndexGrain>(pair.Key).ApplyManyAsync(pair.Value))));

        // A record written since it was read may have published its newer version before this sent the older one.
        var written = await storage.WrittenSinceAsync<MarriageState>(StorageNames.Marriage,
            records.Select(r => (r.Id, r.Stored.ETag)).ToList());
        await Task.WhenAll(written.Select(id => grains.GetGrain<IMarriageGrain>(id).RepublishAsync()));
    }

    public Task PublishOneAsync(string grainId) =>
        grains.GetGrain<IMarriageGrain>(GrainId.Parse(grainId)).RepublishAsync();
}
