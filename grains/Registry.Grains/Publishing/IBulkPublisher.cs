namespace Registry.Grains.Publishing;

/// <summary>
/// Publishes many records of one state name at once, for the outbox relay: what each record's grain would publish
/// (<see cref="Abstractions.Grains.IPublishingGrain.PublishAsync"/>, the same pure functions over the same committed
/// state), read from storage without activating the grains and sent to each read-model partition in one call. Used
/// for the records no grain of the relay's process is publishing: those stored without their grain
/// (<see cref="ReadModelPublication.StoredWithoutGrain"/>), and rows the process did not write (after a restart,
/// another silo's); a record whose grain is publishing its own write goes through the grain.
/// </summary>
public interface IBulkPublisher
{
    /// <summary>The state name whose records this publishes.</summary>
    string StateName { get; }

    /// <summary>
    /// Publishes the records' current committed states (grain ids as text, <c>type/key</c>); a record with nothing
    /// stored publishes nothing. Idempotent, and ordered per record with the records' own publications (a record
    /// written meanwhile is published again through its grain, after this). Throws when a record could not be
    /// read or a read model reached; the caller then publishes each record by itself (<see cref="PublishOneAsync"/>).
    /// </summary>
    Task PublishAsync(IReadOnlyList<string> grainIds, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes one record through its grain, in full (also what its activation sent before): the way on when
    /// <see cref="PublishAsync"/> failed part way, after which an older version may have reached some partitions
    /// after the newer one the grain sent. Throws when a read model could not be reached.
    /// </summary>
    Task PublishOneAsync(string grainId);
}
