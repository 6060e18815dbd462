using System.Text.Json;
using Registry.Abstractions.Persons;
using Registry.Grains;
using Registry.Grains.Persons;
using Registry.Grains.Tests.Persons;
using Registry.Hosting.Persons;
using Registry.Storage;

namespace Registry.Grains.Tests.Hosting;

/// <summary>
/// <c>migrate-storage</c>'s access-log step on a real SQLite file holding (day, shard) partitions as the previous
/// build wrote them (its grain storage: <see cref="AccessLogState"/> serialized with the storage's JSON options under
/// state name <c>access-log</c>, grain id <c>access-log/{day}/{shard}</c>).
/// </summary>
public sealed class AccessLogMigrationTests : IDisposable
{
    private readonly MigrationTestDirectory scratch = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task MoveAsync_MovesEveryPartitionsEntriesOnceAndRemovesThePartitions()
    {
        var (a, b) = (TestPeople.Man(), TestPeople.Woman());
        var day = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
        var old = new Dictionary<string, List<AccessLogEntry>>
        {
            [AccessLogPartition.KeyOf(new DateOnly(2026, 11, 30), a)] =
            [
                new(day, "clerk-1", "marital-status", a, null),
                new(day.AddMinutes(5), "clerk-2", "marriage-record", a, "0123456789abcdef0123456789abcdef"),
            ],
            [AccessLogPartition.KeyOf(new DateOnly(2026, 12, 1), b)] =
            [
                new(day.AddDays(1), "clerk-1", "refused-person-already-married", b, "fedcba9876543210fedcba9876543210"),
            ],
        };
        using (var written = await scratch.OpenStoreAsync(Ct))
        {
            foreach (var (key, entries) in old)
            {
                var json = JsonSerializer.Serialize(new AccessLogState { Entries = entries }, RegistryJson.StateOptions);
                await written.WriteAsync(new GrainStateKey(StorageNames.AccessLog, "access-log/" + key), null, json, Ct);
            }
        }

        using var store = await scratch.OpenStoreAsync(Ct);
        var moved = await AccessLogMigration.MoveAsync(store, Ct);
        var again = await AccessLogMigration.MoveAsync(store, Ct);

        Assert.Equal((2, 3), moved);
        Assert.Equal((0, 0), again);
        Assert.Empty(await store.ListKeysAsync(StorageNames.AccessLog, Ct).ToListAsync(Ct));
        var log = await store.ReadAccessLogAsync(
            new AccessLogQuery(day.AddDays(-1), day.AddDays(3), null, null, null, 100), Ct);
        Assert.Equal(old.Values.SelectMany(e => e).OrderBy(e => e.At), log.Select(r => r.Entry));
    }
}
