using System.Threading.Channels;
using Registry.Abstractions.Persons;

namespace Registry.Hosting.Persons;

/// <summary>
/// Group commit for the access log: appends that arrive while a batch is being stored wait and go together into the
/// next batch (up to <see cref="MaxBatchEntries"/> entries), stored by one call of the flush it was given. No timer:
/// a lone read is stored at once; under load, one store transaction serves many reads. Each caller's task completes
/// after the flush that stored its entries, and fails with that flush's error, so the read it logs fails too (a 503)
/// instead of being shown unlogged. Thread-safe; one per silo.
/// </summary>
public sealed class AccessLogBatcher : IAsyncDisposable
{
    /// <summary>The most entries one flush stores (a caller's entries are never split over two flushes).</summary>
    public const int MaxBatchEntries = 1_000;

    private readonly Func<IReadOnlyList<AccessLogEntry>, CancellationToken, Task> flush;
    private readonly Channel<PendingAppend> pending = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task writer;
    private long flushes;

    /// <param name="flush">Stores one batch durably, in one transaction where the store has them.</param>
    public AccessLogBatcher(Func<IReadOnlyList<AccessLogEntry>, CancellationToken, Task> flush)
    {
        this.flush = flush;
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>How many flushes have run (for tests and telemetry).</summary>
    public long Flushes => Interlocked.Read(ref flushes);

    /// <summary>Queues the entries for the next batch; completes when that batch is durable.</summary>
    public Task AppendAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        var append = new PendingAppend(entries, cancellationToken);
        if (!pending.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(AccessLogBatcher));
        }

        return append.Completion.Task;
    }

    /// <summary>Stores what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await writer;
        stopping.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>();
        var entries = new List<AccessLogEntry>(MaxBatchEntries);
        PendingAppend? carried = null;
        while (carried is not null || await pending.Reader.WaitToReadAsync())
        {
            if (carried is not null)
            {
                Take(carried, batch, entries);
                carried = null;
            }

            while (pending.Reader.TryRead(out var next))
            {
                if (entries.Count > 0 && entries.Count + next.Entries.Count > MaxBatchEntries)
                {
                    carried = next;
                    break;
                }

                Take(next, batch, entries);
            }

            if (batch.Count > 0)
            {
                await FlushAsync(batch, entries);
            }

            batch.Clear();
            entries.Clear();
        }
    }

    private static void Take(PendingAppend append, List<PendingAppend> batch, List<AccessLogEntry> entries)
    {
        if (append.CancellationToken.IsCancellationRequested)
        {
            append.Completion.TrySetCanceled(append.CancellationToken);
            return;
        }

        batch.Add(append);
        entries.AddRange(append.Entries);
    }

    private async Task FlushAsync(List<PendingAppend> batch, List<AccessLogEntry> entries)
    {
        try
        {
            await flush(entries.ToArray(), stopping.Token);
            Interlocked.Increment(ref flushes);
        }
        catch (Exception error)
        {
            foreach (var append in batch)
            {
                append.Completion.TrySetException(error);
            }

            return;
        }

        foreach (var append in batch)
        {
            append.Completion.TrySetResult();
        }
    }

    private sealed record PendingAppend(IReadOnlyList<AccessLogEntry> Entries, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
