using Microsoft.Extensions.Logging;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;

namespace Registry.Grains.Marriages;

/// <summary>
/// What one activation of a marriage record has told the read models it feeds: the statistics
/// (<see cref="MarriageStatistics"/>), the offices' day registers (<see cref="OfficeRegister"/>) and the person-name
/// index (<see cref="PersonNameIndex"/>), each computed from the stored state by a pure function and sent only where it
/// changed since this activation last sent it. Remembers the stored version (ETag) it last sent in full, so that the
/// outbox relay's call for a write this activation has already published answers at once. One per activation; not
/// thread-safe (a grain's turns are serial).
/// </summary>
public sealed class MarriageReadModels(IGrainFactory grains, TimeZoneInfo zone, ILogger logger)
{
    private readonly StatisticsFeed statistics = new(grains, logger);

    private readonly PartitionFeed<OfficeDayEntry> register = new(e => e.PartitionKey,
        (partition, record, entries) => grains.Get<IOfficeRegisterGrain>(partition).ApplyAsync(record, entries),
        logger);

    private readonly PartitionFeed<PersonNameEntry> names = new(e => e.PartitionKey,
        (partition, record, entries) => grains.Get<IPersonNameIndexGrain>(partition).ApplyAsync(record, entries),
        logger);

    // The stored version whose entries were sent in full; null while a send is under way or after one failed.
    private string? sentETag;

    /// <summary>Whether every read model holds what the stored version <paramref name="etag"/> gives them, as sent by
    /// this activation.</summary>
    public bool HaveSent(string? etag) => sentETag is not null && sentETag == etag;

    /// <summary>Sends what stored version <paramref name="etag"/> of record <paramref name="id"/>'s
    /// <paramref name="state"/> changes for the read models; throws when any could not be told, after trying each.
    /// Records the version once all were.</summary>
    public async Task SendAsync(string id, MarriageState state, string? etag)
    {
        var recordKey = $"marriage:{id}";
        sentETag = null;
        await Task.WhenAll(
            statistics.SendAsync(recordKey, MarriageStatistics.Of(state, zone)),
            register.SendAsync(recordKey, OfficeRegister.Of(state, zone)),
            names.SendAsync(recordKey, PersonNameIndex.Of(state)));
        sentETag = etag;
    }

    /// <summary>Forgets what was sent (a read model may have been overwritten by an older version meanwhile, see
    /// <see cref="MarriageBulkPublisher"/>), so that the next send sends everything again.</summary>
    public void Forget()
    {
        statistics.Forget();
        register.Forget();
        names.Forget();
        sentETag = null;
    }
}
