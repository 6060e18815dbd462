using Orleans;
using Orleans.Runtime;
using Registry.Storage.Sqlite;

namespace Registry.Storage.Tests.Sqlite;

public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "registry-reminders-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(directory, "registry.db");

    private static ReminderEntry Entry(string key, string name, TimeSpan period) => new()
    {
        GrainId = GrainId.Create("division", key),
        ReminderName = name,
        StartAt = new DateTime(2027, 5, 31, 16, 0, 0, DateTimeKind.Utc),
        Period = period,
    };

    private async Task<(SqliteGrainStateStore Store, SqliteReminderTable Table)> OpenAsync()
    {
        var store = new SqliteGrainStateStore(DatabasePath);
        var table = new SqliteReminderTable(store);
        await table.Init();
        return (store, table);
    }

    [Fact]
    public async Task UpsertRow_ThenReadRow_ReturnsTheEntryWithItsETag()
    {
        var (store, table) = await OpenAsync();
        using var _ = store;
        var entry = Entry("a", "deadline", TimeSpan.FromHours(1));

        var etag = await table.UpsertRow(entry);
        var read = await table.ReadRow(entry.GrainId, "deadline");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(entry.Period, read.Period);
        Assert.Null(await table.ReadRow(entry.GrainId, "other"));
    }

    [Fact]
    public async Task UpsertRow_Again_ReplacesTheEntryAndItsETag()
    {
        var (store, table) = await OpenAsync();
        using var _ = store;
        var first = await table.UpsertRow(Entry("a", "deadline", TimeSpan.FromHours(1)));

        var second = await table.UpsertRow(Entry("a", "deadline", TimeSpan.FromHours(2)));

        Assert.NotEqual(first, second);
        var rows = (await table.ReadRows(GrainId.Create("division", "a"))).Reminders;
        Assert.Equal(TimeSpan.FromHours(2), Assert.Single(rows).Period);
    }

    [Fact]
    public async Task RemoveRow_WithStaleETag_KeepsTheRow()
    {
        var (store, table) = await OpenAsync();
        using var _ = store;
        var entry = Entry("a", "deadline", TimeSpan.FromHours(1));
        var stale = await table.UpsertRow(entry);
        var current = await table.UpsertRow(entry);

        Assert.False(await table.RemoveRow(entry.GrainId, "deadline", stale!));
        Assert.NotNull(await table.ReadRow(entry.GrainId, "deadline"));
        Assert.True(await table.RemoveRow(entry.GrainId, "deadline", current!));
        Assert.Null(await table.ReadRow(entry.GrainId, "deadline"));
    }

    [Fact]
    public async Task ReadRows_HashRange_SplitsTheRingWithoutLosingOrRepeatingRows()
    {
        var (store, table) = await OpenAsync();
        using var _ = store;
        var entries = Enumerable.Range(0, 40).Select(i => Entry($"g{i}", "r", TimeSpan.FromMinutes(5))).ToList();
        foreach (var entry in entries)
        {
            await table.UpsertRow(entry);
        }

        var middle = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ElementAt(20);
        var lower = (await table.ReadRows(0, middle)).Reminders; // (0, middle]
        var wrapped = (await table.ReadRows(middle, 0)).Reminders; // (middle, max] and [0, 0]

        Assert.Equal(entries.Count, lower.Count + wrapped.Count);
        Assert.Equal(entries.Select(e => e.GrainId).Order(),
            lower.Concat(wrapped).Select(e => e.GrainId).Order());
        Assert.All(lower, e => Assert.True(e.GrainId.GetUniformHashCode() <= middle));
    }

    [Fact]
    public async Task Reopen_KeepsReminders()
    {
        var entry = Entry("a", "deadline", TimeSpan.FromDays(1));
        var (first, table) = await OpenAsync();
        await table.UpsertRow(entry);
        first.Dispose();

        var (second, reopened) = await OpenAsync();
        using var _ = second;

        Assert.NotNull(await reopened.ReadRow(entry.GrainId, "deadline"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
