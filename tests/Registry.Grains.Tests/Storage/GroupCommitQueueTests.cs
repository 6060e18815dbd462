using Registry.Grains.Storage;

namespace Registry.Grains.Tests.Storage;

/// <summary>
/// The generic group commit (the organization index's batches): items handed over while a flush runs go together
/// into the next; each caller completes after the flush that stored its items and fails with it; with splitting on,
/// an item the store refuses fails its own caller only.
/// </summary>
public sealed class GroupCommitQueueTests
{
    /// <summary>A store that holds each flush until the test lets it finish, and records every batch it was given.</summary>
    private sealed class HeldStore
    {
        private readonly object gate = new();
        private readonly Queue<TaskCompletionSource> held = new();
        private TaskCompletionSource entered = New();

        public List<IReadOnlyList<int>> Batches { get; } = [];

        /// <summary>Refused items: a batch holding one fails.</summary>
        public HashSet<int> Refused { get; } = [];

        private volatile bool hold = true;

        public bool Hold
        {
            get => hold;
            set => hold = value;
        }

        public Task Entered
        {
            get
            {
                lock (gate)
                {
                    return entered.Task;
                }
            }
        }

        public async Task FlushAsync(IReadOnlyList<int> items, CancellationToken cancellationToken)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                Batches.Add(items.ToArray());
                if (Hold)
                {
                    held.Enqueue(release);
                }
                else
                {
                    release.SetResult();
                }

                entered.TrySetResult();
            }

            await release.Task;
            if (items.Any(Refused.Contains))
            {
                throw new InvalidOperationException($"refused one of {string.Join(",", items)}");
            }
        }

        public void ReleaseNext()
        {
            TaskCompletionSource release;
            lock (gate)
            {
                release = held.Dequeue();
                entered = New();
            }

            release.SetResult();
        }

        private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [Fact]
    public async Task ItemsHandedOverDuringAFlush_GoTogetherIntoTheNext_AndEachCallerWaitsForItsOwnFlush()
    {
        var store = new HeldStore();
        await using var queue = new GroupCommitQueue<int>(store.FlushAsync, maxBatch: 100);

        var first = queue.AppendAsync(1);
        await store.Entered;
        var waiting = Enumerable.Range(2, 5).Select(i => queue.AppendAsync(i)).ToList();

        Assert.False(first.IsCompleted);
        store.ReleaseNext();
        await first;
        await store.Entered;
        Assert.All(waiting, task => Assert.False(task.IsCompleted));
        store.ReleaseNext();
        await Task.WhenAll(waiting);

        Assert.Equal([[1], [2, 3, 4, 5, 6]], store.Batches);
        Assert.Equal(2, queue.Flushes);
    }

    [Fact]
    public async Task ABatchIsBoundedByMaxBatch_AndOneCallersItemsAreNeverSplit()
    {
        var store = new HeldStore();
        await using var queue = new GroupCommitQueue<int>(store.FlushAsync, maxBatch: 3);

        var first = queue.AppendAsync(0);
        await store.Entered;
        var pair = queue.AppendAsync([1, 2]);
        var another = queue.AppendAsync([3, 4]);
        store.Hold = false;
        store.ReleaseNext();
        await Task.WhenAll(first, pair, another);

        Assert.Equal([[0], [1, 2], [3, 4]], store.Batches);
    }

    [Fact]
    public async Task WithoutSplitting_AFailedFlushFailsEveryCallerInIt()
    {
        var store = new HeldStore();
        await using var queue = new GroupCommitQueue<int>(store.FlushAsync, maxBatch: 100);

        var first = queue.AppendAsync(1);
        await store.Entered;
        var good = queue.AppendAsync(2);
        var bad = queue.AppendAsync(3);
        store.Refused.Add(3);
        store.Hold = false;
        store.ReleaseNext();
        await first;

        await Assert.ThrowsAsync<InvalidOperationException>(() => good);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(1, queue.Flushes);
    }

    [Fact]
    public async Task WithSplitting_AnItemTheStoreRefusesFailsItsOwnCallerOnly()
    {
        var store = new HeldStore();
        await using var queue = new GroupCommitQueue<int>(store.FlushAsync, maxBatch: 100, splitFailures: true);

        var first = queue.AppendAsync(0);
        await store.Entered;
        var others = Enumerable.Range(1, 8).ToDictionary(i => i, i => queue.AppendAsync(i));
        store.Refused.Add(6);
        store.Hold = false;
        store.ReleaseNext();
        await first;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => others[6]);
        Assert.Contains("6", error.Message);
        await Task.WhenAll(others.Where(pair => pair.Key != 6).Select(pair => pair.Value));

        // Every item but the refused one was stored by a flush that succeeded.
        var stored = store.Batches.Where(batch => !batch.Any(store.Refused.Contains)).SelectMany(batch => batch);
        Assert.Equal(Enumerable.Range(0, 9).Where(i => i != 6), stored.Distinct().Order());
    }

    [Fact]
    public async Task DisposingFlushesWhatIsQueued()
    {
        var store = new HeldStore { Hold = false };
        var queue = new GroupCommitQueue<int>(store.FlushAsync, maxBatch: 10);
        var tasks = Enumerable.Range(0, 25).Select(i => queue.AppendAsync(i)).ToList();

        await queue.DisposeAsync();

        Assert.All(tasks, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.Equal(Enumerable.Range(0, 25), store.Batches.SelectMany(batch => batch).Order());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.AppendAsync(99));
    }
}
