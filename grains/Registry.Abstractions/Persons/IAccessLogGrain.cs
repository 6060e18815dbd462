namespace Registry.Abstractions.Persons;

/// <summary>
/// One partition of the access log to person data (see <see cref="AccessLogPartition"/> for the key). Append-only:
/// entries are never changed or removed.
/// </summary>
[Alias("Registry.Persons.IAccessLogGrain")]
public interface IAccessLogGrain : IGrainWithStringKey
{
    /// <summary>Stores the entries; completes once they are durable. Not idempotent.</summary>
    Task AppendAsync(IReadOnlyList<AccessLogEntry> entries);

    /// <summary>Every entry of the partition, oldest first.</summary>
    Task<IReadOnlyList<AccessLogEntry>> GetEntriesAsync();
}
