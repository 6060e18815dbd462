namespace Registry.Abstractions.Grains;

/// <summary>
/// A record grain whose committed changes feed read models (search indexes, statistics, reports). The silo's outbox
/// relay calls <see cref="PublishAsync"/> for every record whose write left an outbox row, so a change reaches its
/// read models even when the process died between the write and the grain's own publication after it.
/// </summary>
[Alias("Registry.Grains.IPublishingGrain")]
public interface IPublishingGrain : IGrain
{
    /// <summary>
    /// Sends this record's current committed state to every read model it feeds: the same code the grain runs after
    /// its own writes. Idempotent (read models keep the newest revision or key what they hold by fact and record);
    /// nothing for a record never stored. Throws when a read model could not be reached, so the caller tries again.
    /// </summary>
    Task PublishAsync();
}
