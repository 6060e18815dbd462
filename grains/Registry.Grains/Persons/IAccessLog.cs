using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>
/// The silo's access-log writer and reader over its storage (implemented by the silo: the Registry's own store's
/// <c>access_log</c> table, or an Azure table of its own). Thread-safe singleton.
/// </summary>
public interface IAccessLog
{
    /// <summary>Appends the entries in the next batch; completes when that batch is durable.</summary>
    Task AppendAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>One page of what <paramref name="search"/> selects; a malformed <see cref="AccessLogSearch.After"/>
    /// is refused with a <see cref="Abstractions.Errors.DomainException"/> naming <c>cursor-invalid</c>.</summary>
    Task<AccessLogPage> SearchAsync(AccessLogSearch search, CancellationToken cancellationToken = default);
}
