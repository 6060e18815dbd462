using Registry.Abstractions.Errors;
using Registry.Abstractions.Persons;
using Registry.Hosting.Persons;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Hosting;

/// <summary>The silo's access log over a real SQLite store: entries stored and paged; a store that cannot take them
/// fails the read with <see cref="StorageUnavailableException"/> (a 503), never an unexplained error.</summary>
public sealed class BatchedAccessLogTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-batched-access-log", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Append_ThenSearch_PagesThroughTheEntries()
    {
        using var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        await store.InitializeAsync(Ct);
        await using var log = new BatchedAccessLog(store);
        var entries = Enumerable.Range(0, 5)
            .Select(i => new AccessLogEntry(At.AddSeconds(i), "clerk", "marital-status", $"subject-{i}", null))
            .ToList();

        await Task.WhenAll(entries.Select(e => log.AppendAsync([e], Ct)));
        var first = await log.SearchAsync(new AccessLogSearch(At, At.AddDays(1), null, "clerk", null, 3), Ct);
        var second = await log.SearchAsync(new AccessLogSearch(At, At.AddDays(1), null, "clerk", first.Next, 3), Ct);

        Assert.Equal(entries, first.Entries.Concat(second.Entries));
        Assert.Null(second.Next);
        await Assert.ThrowsAsync<DomainException>(() =>
            log.SearchAsync(new AccessLogSearch(At, At.AddDays(1), null, null, "12-x", 3), Ct));
    }

    [Fact]
    public async Task Append_ToAStoreThatGroupsAppends_HandsEachReadsEntriesOverAtOnce()
    {
        // Two reads' entries while the first's commit is still running: a queue in front of the store would hold the
        // second until the first is reported, so its read would wait for two commits instead of one.
        var store = new HeldStore();
        await using var log = new BatchedAccessLog(store);
        var first = log.AppendAsync([new AccessLogEntry(At, "clerk", "marital-status", "subject-1", null)], Ct);
        var second = log.AppendAsync([new AccessLogEntry(At, "clerk", "marital-status", "subject-2", null)], Ct);

        try
        {
            await store.SecondCall.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            Assert.False(first.IsCompleted);
            Assert.False(second.IsCompleted);
        }
        finally
        {
            // Released whatever happened, or a queue in front would wait for it forever when the log is disposed.
            store.Commit.TrySetResult();
        }

        await Task.WhenAll(first, second);
    }

    [Fact]
    public async Task Append_ConcurrentReadsEntries_AreDurableAndFoundBySubjectAfterTheStoreIsReopened()
    {
        var path = Path.Combine(directory, "registry.db");
        var entries = Enumerable.Range(0, 40)
            .Select(i => new AccessLogEntry(At.AddMilliseconds(i), $"clerk-{i % 3}", "marriage-record",
                $"subject-{i % 8}", $"m{i}"))
            .ToList();
        using (var store = new SqliteGrainStateStore(path))
        {
            await store.InitializeAsync(Ct);
            await using var log = new BatchedAccessLog(store);
            await Task.WhenAll(entries.Select(e => Task.Run(() => log.AppendAsync([e], Ct), Ct)));
        }

        using var reopened = new SqliteGrainStateStore(path);
        await reopened.InitializeAsync(Ct);
        await using var again = new BatchedAccessLog(reopened);
        var found = await again.SearchAsync(new AccessLogSearch(At, At.AddDays(1), "subject-5", null, null, 100), Ct);

        Assert.Equal(entries.Where(e => e.SubjectIdNumber == "subject-5").ToList(), found.Entries);
    }

    [Fact]
    public async Task Append_ToAStoreThatCannotWrite_IsStorageUnavailable()
    {
        var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
        await store.InitializeAsync(Ct);
        store.Dispose();
        await using var log = new BatchedAccessLog(store);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => log.AppendAsync(
            [new AccessLogEntry(At, "clerk", "marital-status", "subject-1", null)], Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            log.SearchAsync(new AccessLogSearch(At, At.AddDays(1), null, null, null, 3), Ct));
    }

    /// <summary>A store that groups appends itself and holds every append until <see cref="Commit"/> is set.</summary>
    private sealed class HeldStore : IAccessLogStore
    {
        private int calls;

        public TaskCompletionSource Commit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondCall { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool GroupsConcurrentAppends => true;

        public Task AppendAccessLogAsync(IReadOnlyList<AccessLogEntry> entries,
            CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref calls) == 2)
            {
                SecondCall.SetResult();
            }

            return Commit.Task;
        }

        public Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
