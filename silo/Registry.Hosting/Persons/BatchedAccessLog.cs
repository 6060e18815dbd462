using System.Globalization;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;
using Registry.Grains.Storage;
using Registry.Storage;

namespace Registry.Hosting.Persons;

/// <summary>
/// <see cref="IAccessLog"/> over the configured <see cref="IAccessLogStore"/> (the SQLite or PostgreSQL store's
/// append-only <c>access_log</c> table, or the Azure access-log table): appends go through a
/// <see cref="GroupCommitQueue{T}"/> (appends that arrive while a batch is being stored go together into the next, up
/// to <see cref="MaxBatchEntries"/>; each caller's task completes after the flush that stored its entries and fails with
/// it, so the read it logs fails too), one store call per batch, unless the store groups concurrent appends into one
/// commit itself (<see cref="IAccessLogStore.GroupsConcurrentAppends"/>, SQLite): then each append is its own store
/// call, completing with the commit that holds it, and the store's group commit is the only queue a read waits in;
/// searches read by subject, actor and period. A page
/// position is <c>{UTC ticks}-{sequence}</c>. A store that fails to append or read answers
/// <see cref="StorageUnavailableException"/> (a 503: the read it logs is not answered), and a storage fault is
/// reported to <see cref="StorageFaults"/> for readiness.
/// </summary>
public sealed class BatchedAccessLog : IAccessLog, IAsyncDisposable
{
    private readonly IAccessLogStore store;
    private readonly StorageFaults? faults;
    /// <summary>The most entries one flush stores (a caller's entries are never split over two flushes).</summary>
    public const int MaxBatchEntries = 1_000;

    // Null where the store groups concurrent appends itself.
    private readonly GroupCommitQueue<AccessLogEntry>? batcher;

    public BatchedAccessLog(IAccessLogStore store, StorageFaults? faults = null)
    {
        this.store = store;
        this.faults = faults;
        batcher = store.GroupsConcurrentAppends
            ? null
            : new GroupCommitQueue<AccessLogEntry>(FlushAsync, MaxBatchEntries);
    }

    public Task AppendAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (batcher is not null)
        {
            return batcher.AppendAsync(entries, cancellationToken);
        }

        return entries.Count == 0 ? Task.CompletedTask : FlushAsync(entries, cancellationToken);
    }

    public async Task<AccessLogPage> SearchAsync(AccessLogSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var query = new AccessLogQuery(search.From, search.Until, search.Subject, search.Actor,
            search.After is null ? null : ParsePosition(search.After), search.Limit);
        IReadOnlyList<AccessLogRow> rows;
        try
        {
            rows = await store.ReadAccessLogAsync(query, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new StorageUnavailableException($"The access log cannot be read at the moment: {error.Message}");
        }

        var next = rows.Count == search.Limit ? FormatPosition(rows[^1].Position) : null;
        return new AccessLogPage(rows.Select(r => r.Entry).ToList(), next);
    }

    public ValueTask DisposeAsync() => batcher?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task FlushAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAccessLogAsync(entries, cancellationToken);
            faults?.Succeeded();
        }
        catch (Exception error)
        {
            if (StorageFaults.IsStorageFault(error))
            {
                faults?.Failed(error);
            }

            // Only the message crosses the grain boundary: the store's own exception types need not serialize.
            throw new StorageUnavailableException(
                $"The access log could not store the read's entry, so the read is not answered: {error.Message}");
        }
    }

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
