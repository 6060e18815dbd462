using Registry.Abstractions.Persons;
using Registry.Hosting.Persons;

namespace Registry.Grains.Tests.Hosting;

/// <summary>
/// The access log's group commit: appends that arrive while a batch is being stored go together into the next one;
/// a caller's task completes only after the flush that stored its entries, and fails with it.
/// </summary>
public sealed class AccessLogBatcherTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    private static AccessLogEntry Entry(int i) => new(At.AddSeconds(i), "clerk", "marital-status", $"subject-{i}", null);

    /// <summary>A flush that stores nothing until the test releases it, recording each batch it was given.</summary>
    private sealed class GatedFlush
    {
        private readonly object gate = new();
        private readonly Queue<TaskCompletionSource> releases = new();

        public List<IReadOnlyList<AccessLogEntry>> Batches { get; } = [];

        public TaskCompletionSource<bool> Started { get; private set; } = New();

        public async Task FlushAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                Batches.Add(entries);
                releases.Enqueue(release);
                Started.TrySetResult(true);
            }

            await release.Task;
        }

        public void ReleaseNext(Exception? error = null)
        {
            TaskCompletionSource release;
            lock (gate)
            {
                release = releases.Dequeue();
                Started = New();
            }

            if (error is null)
            {
                release.SetResult();
            }
            else
            {
                release.SetException(error);
            }
        }

        private static TaskCompletionSource<bool> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [Fact]
    public async Task AppendAsync_CompletesOnlyAfterItsFlush()
    {
        var flush = new GatedFlush();
        await using var batcher = new AccessLogBatcher(flush.FlushAsync);

        var append = batcher.AppendAsync([Entry(1)]);
        await flush.Started.Task;

        Assert.False(append.IsCompleted);
        flush.ReleaseNext();
        await append;
        Assert.Equal([[Entry(1)]], flush.Batches);
    }

    [Fact]
    public async Task AppendsDuringAFlush_GoTogetherIntoTheNextOne()
    {
        var flush = new GatedFlush();
        await using var batcher = new AccessLogBatcher(flush.FlushAsync);
        var first = batcher.AppendAsync([Entry(0)]);
        await flush.Started.Task;

        var waiting = Enumerable.Range(1, 50).Select(i => batcher.AppendAsync([Entry(i)])).ToList();
        flush.ReleaseNext();
        await first;
        await flush.Started.Task;

        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        flush.ReleaseNext();
        await Task.WhenAll(waiting);
        Assert.Equal(2, flush.Batches.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(Entry), flush.Batches[1]);
        Assert.Equal(2, batcher.Flushes);
    }

    [Fact]
    public async Task AFailedFlush_FailsEveryAppendInItAndTheNextBatchStillRuns()
    {
        var flush = new GatedFlush();
        await using var batcher = new AccessLogBatcher(flush.FlushAsync);
        var blocker = batcher.AppendAsync([Entry(0)]);
        await flush.Started.Task;
        var doomed = new[] { batcher.AppendAsync([Entry(1)]), batcher.AppendAsync([Entry(2)]) };
        flush.ReleaseNext();
        await blocker;
        await flush.Started.Task;

        flush.ReleaseNext(new TimeoutException("disk full"));
        foreach (var append in doomed)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => append);
        }

        var later = batcher.AppendAsync([Entry(3)]);
        await flush.Started.Task;
        flush.ReleaseNext();
        await later;
        Assert.Equal([Entry(3)], flush.Batches[^1]);
    }

    [Fact]
    public async Task ABatch_NeverExceedsTheLimitAndNeverSplitsACallersEntries()
    {
        var flush = new GatedFlush();
        await using var batcher = new AccessLogBatcher(flush.FlushAsync);
        var blocker = batcher.AppendAsync([Entry(0)]);
        await flush.Started.Task;
        var appends = Enumerable.Range(0, 7)
            .Select(n => batcher.AppendAsync(Enumerable.Range(n * 300, 300).Select(Entry).ToList()))
            .ToList();

        var all = Task.WhenAll(appends.Append(blocker));
        while (!all.IsCompleted)
        {
            await flush.Started.Task;
            flush.ReleaseNext();
            await Task.WhenAny(all, flush.Started.Task);
        }

        await all;
        Assert.All(flush.Batches, b => Assert.InRange(b.Count, 1, AccessLogBatcher.MaxBatchEntries));
        Assert.All(flush.Batches.Skip(1), b => Assert.Equal(0, b.Count % 300));
        Assert.Equal(2_101, flush.Batches.Sum(b => b.Count));
    }
}
