namespace Registry.Abstractions.Persons;

/// <summary>
/// The access log to person data: one entry per read, appended and never changed. A stateless worker (key 0, one
/// activation per silo, on the caller's silo) in front of the silo's batching log writer, which puts the appends
/// that arrive while a batch is being stored into the next batch: one transaction per batch, not per read.
/// </summary>
[Alias("Registry.Persons.IAccessLogGrain")]
public interface IAccessLogGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Appends the entries; completes once the batch holding them is durable, so a read is never shown before its
    /// log entry is stored (a failed batch fails every read in it). Not idempotent.
    /// </summary>
    Task AppendAsync(IReadOnlyList<AccessLogEntry> entries);

    /// <summary>One page of the entries <paramref name="search"/> selects, in time order.</summary>
    Task<AccessLogPage> SearchAsync(AccessLogSearch search);
}
