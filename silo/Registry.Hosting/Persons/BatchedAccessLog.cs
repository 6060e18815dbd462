using System.Globalization;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;
using Registry.Storage;

namespace Registry.Hosting.Persons;

/// <summary>
/// <see cref="IAccessLog"/> over the configured <see cref="IAccessLogStore"/> (the SQLite or PostgreSQL store's
/// append-only <c>access_log</c> table, or the Azure access-log table): appends go through an
/// <see cref="AccessLogBatcher"/>, one store call per batch; searches read by subject, actor and period. A page
/// position is <c>{UTC ticks}-{sequence}</c>.
/// </summary>
public sealed class BatchedAccessLog : IAccessLog, IAsyncDisposable
{
    private readonly IAccessLogStore store;
    private readonly AccessLogBatcher batcher;

    public BatchedAccessLog(IAccessLogStore store)
    {
        this.store = store;
        batcher = new AccessLogBatcher(store.AppendAccessLogAsync);
    }

    public Task AppendAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default) =>
        batcher.AppendAsync(entries, cancellationToken);

    public async Task<AccessLogPage> SearchAsync(AccessLogSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var rows = await store.ReadAccessLogAsync(new AccessLogQuery(search.From, search.Until, search.Subject,
            search.Actor, search.After is null ? null : ParsePosition(search.After), search.Limit), cancellationToken);
        var next = rows.Count == search.Limit ? FormatPosition(rows[^1].Position) : null;
        return new AccessLogPage(rows.Select(r => r.Entry).ToList(), next);
    }

    public ValueTask DisposeAsync() => batcher.DisposeAsync();

    private static string FormatPosition(AccessLogPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.At.UtcTicks}-{position.Sequence}");

    private static AccessLogPosition ParsePosition(string text)
    {
        var parts = text.Split('-');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return new AccessLogPosition(new DateTimeOffset(ticks, TimeSpan.Zero), sequence);
        }

        throw DomainException.Invalid("cursor-invalid", "after",
            "'after' must be the 'next' value of a previous page of the access log.");
    }
}
