using System.Threading.Channels;

namespace Registry.Grains.Storage;

/// <summary>
/// Group commit in front of a store that takes many items in one call: items handed over while a flush is running
/// wait and go together into the next flush (up to <see cref="MaxBatch"/> items; one caller's items are never split
/// over two flushes). No timer: a lone item is flushed at once; under load, one flush serves many callers. Each
/// caller's task completes after the flush that stored its items, or fails with that flush's error, exactly as its
/// own call of the store would. Thread-safe; one per store (or per partition of one).
/// </summary>
/// <remarks>
/// A failed flush of several callers' items may be the fault of one caller's items alone (text the store refuses, an
/// item it cannot take). With <c>splitFailures</c> such a batch is flushed again in two halves, recursively, so only
/// the callers whose items fail are failed: for one bad item among n callers about 2·log2(n) further flushes. When
/// every flush fails (the store is down), splitting costs at most 2n-1 failing flushes of one batch, each as quick as
/// the store is to refuse; leave it off for a store whose failures are never an item's fault.
/// </remarks>
public sealed class GroupCommitQueue<T> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> flush;
    private readonly bool splitFailures;
    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task writer;
    private long flushes;

    /// <param name="flush">Stores one batch (in one transaction where the store has them).</param>
    /// <param name="maxBatch">The most items one flush carries (one caller's items may exceed it alone).</param>
    /// <param name="splitFailures">Whether a failed batch of several callers is flushed again in halves (see
    /// remarks).</param>
    public GroupCommitQueue(Func<IReadOnlyList<T>, CancellationToken, Task> flush, int maxBatch,
        bool splitFailures = false)
    {
        ArgumentNullException.ThrowIfNull(flush);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.flush = flush;
        this.splitFailures = splitFailures;
        MaxBatch = maxBatch;

        // The loop serves every caller: it must not carry the request context (an AsyncLocal) of whichever caller
        // happened to create the queue.
        using (ExecutionContext.SuppressFlow())
        {
            writer = Task.Run(WriteLoopAsync);
        }
    }

    /// <summary>The most items one flush carries.</summary>
    public int MaxBatch { get; }

    /// <summary>How many flushes have succeeded (for tests and telemetry).</summary>
    public long Flushes => Interlocked.Read(ref flushes);

    /// <summary>Queues <paramref name="item"/> for the next flush; completes when that flush has stored it.</summary>
    public Task AppendAsync(T item, CancellationToken cancellationToken = default) =>
        AppendAsync([item], cancellationToken);

    /// <summary>Queues the items for the next flush, together; completes when that flush has stored them.</summary>
    public Task AppendAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        var append = new Pending(items, cancellationToken);
        if (!pending.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(GroupCommitQueue<T>));
        }

        return append.Completion.Task;
    }

    /// <summary>Flushes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await writer;
        stopping.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        var count = 0;
        Pending? carried = null;
        while (carried is not null || await pending.Reader.WaitToReadAsync())
        {
            if (carried is not null)
            {
                Take(carried, batch, ref count);
                carried = null;
            }

            while (pending.Reader.TryRead(out var next))
            {
                if (count > 0 && count + next.Items.Count > MaxBatch)
                {
                    carried = next;
                    break;
                }

                Take(next, batch, ref count);
            }

            if (batch.Count > 0)
            {
                await FlushAsync(batch);
            }

            batch.Clear();
            count = 0;
        }
    }

    private static void Take(Pending append, List<Pending> batch, ref int count)
    {
        if (append.CancellationToken.IsCancellationRequested)
        {
            append.Completion.TrySetCanceled(append.CancellationToken);
            return;
        }

        batch.Add(append);
        count += append.Items.Count;
    }

    private async Task FlushAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            await flush(batch.Count == 1 ? batch[0].Items : batch.SelectMany(append => append.Items).ToArray(),
                stopping.Token);
            Interlocked.Increment(ref flushes);
        }
        catch (Exception error)
        {
            if (splitFailures && batch.Count > 1)
            {
                var half = batch.Count / 2;
                await FlushAsync(batch.Take(half).ToList());
                await FlushAsync(batch.Skip(half).ToList());
                return;
            }

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

    private sealed record Pending(IReadOnlyList<T> Items, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
