using Registry.Abstractions.Errors;
using Registry.Abstractions.Persons;
using Registry.Hosting.Persons;
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
}
