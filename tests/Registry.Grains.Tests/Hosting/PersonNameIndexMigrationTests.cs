using System.Text.Json;
using Orleans.Runtime;
using Registry.Abstractions.Persons;
using Registry.Grains;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Persons;
using Registry.Hosting.Persons;
using Registry.Storage;
using Npgsql;
using Registry.Storage.PostgreSql;
using Registry.Storage.Tests.Servers;

namespace Registry.Grains.Tests.Hosting;

/// <summary>
/// <c>migrate-storage</c>'s person-name step on a real store (a SQLite file, a PostgreSQL schema: the two it moves)
/// holding a name's partitions as builds before 2026-12-07 kept them (<c>{name}#{n}</c>, n a hash of the document, a
/// split partition's children <c>{name}#{n}.{c}</c>), beside partitions the page layout already holds for the same
/// name.
/// </summary>
public abstract class PersonNameIndexMigrationTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An empty store of the backend under test, its schema in place; disposed by the test class.</summary>
    protected abstract Task<IGrainStateStore> OpenStoreAsync();

    [Fact]
    public async Task MoveAsync_EveryEntryLandsInItsPageKeysPartition_Once_AndTheEarlierPartitionsGo()
    {
        const string name = "张伟";
        const string other = "张伟#1"; // a name whose own earlier partitions ("张伟#1#0"...) sort among 张伟's
        var store = await OpenStoreAsync();

        // 张伟#3: past the bound, so split into children as a partition grain splits it.
        var split = Records(name, PartitionSplits.MaxRecords * 3);
        foreach (var (key, state) in PartitionSplits.Layout($"{name}#3", split))
        {
            await WriteAsync(store, key, state);
        }

        // 张伟#7: unsplit, with a stale copy of one of its records in a child a split cut short left beside it.
        var unsplit = Records(name, 5);
        await WriteAsync(store, $"{name}#7", State(unsplit));
        await WriteAsync(store, $"{name}#7.4", State(Records(name, 1)));
        var otherRecords = Records(other, 3);
        await WriteAsync(store, $"{other}#0", State(otherRecords));

        // The page layout already holds one record published since the upgrade, and one of the earlier ones again.
        var since = Records(name, 1);
        var again = split.First();
        foreach (var entry in since.Values.Append(again.Value).SelectMany(e => e))
        {
            await WriteAsync(store, entry.PartitionKey, State(new() { [$"marriage:{entry.MarriageId}"] = [entry] }),
                merge: true);
        }

        var moved = await PersonNameIndexMigration.MoveAsync(store, Ct);
        var rerun = await PersonNameIndexMigration.MoveAsync(store, Ct);

        var expected = split.Concat(unsplit).Concat(since).SelectMany(r => r.Value).ToList();
        Assert.Equal((2, expected.Count + otherRecords.Count), moved); // the record in both layouts once
        Assert.Equal((0, 0), rerun);
        var keys = await store.ListKeysAsync(StorageNames.PersonNameIndex, Ct).Select(k => k.GrainId).ToListAsync(Ct);
        Assert.DoesNotContain(keys, k => k.Contains('#') && !k.Contains('@'));

        var stored = new Dictionary<string, RecordEntriesState<PersonNameEntry>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var row = await store.ReadAsync(new GrainStateKey(StorageNames.PersonNameIndex, key), Ct);
            stored[key] = JsonSerializer.Deserialize<RecordEntriesState<PersonNameEntry>>(row!.Utf8Json.Span,
                RegistryJson.StateOptions)!;
        }

        Assert.All(stored.Values, s => Assert.InRange(s.ByRecord.Count, 0, PartitionSplits.MaxRecords));
        Assert.All(stored.Values, s => Assert.Equal(ChildHash.Mixed, s.Children));
        foreach (var (bearers, records) in new[] { (name, expected), (other, otherRecords.Values.SelectMany(e => e).ToList()) })
        {
            foreach (var partition in PersonNameEntry.PartitionKeysOf(bearers))
            {
                var entries = PartitionSplits.EntriesOf(partition, key => stored.GetValueOrDefault(GrainIdOf(key)))
                    .ToList();
                Assert.All(entries, e => Assert.Equal(partition, e.PartitionKey));
                Assert.Equal(records.Where(e => e.PartitionKey == partition).OrderBy(e => e.DocumentKey),
                    entries.OrderBy(e => e.DocumentKey));
            }
        }
    }

    [Fact]
    public async Task MoveAsync_CutShortAfterItsWrites_IsEndedByARerun_WithoutCopies()
    {
        const string name = "李娜";
        var store = await OpenStoreAsync();
        var records = Records(name, 40);
        await WriteAsync(store, $"{name}#2", State(records));
        var earlier = (await store.ReadAsync(GrainStateKey($"{name}#2"), Ct))!.StateJson;

        await PersonNameIndexMigration.MoveAsync(store, Ct);
        // As if the move had stopped after writing the page layout, before removing the earlier partition.
        await store.WriteAsync(GrainStateKey($"{name}#2"), null, earlier, Ct);
        var rerun = await PersonNameIndexMigration.MoveAsync(store, Ct);

        Assert.Equal((1, 40), rerun);
        var entries = new List<PersonNameEntry>();
        foreach (var partition in PersonNameEntry.PartitionKeysOf(name))
        {
            if (await store.ReadAsync(GrainStateKey(partition), Ct) is { } row)
            {
                entries.AddRange(JsonSerializer.Deserialize<RecordEntriesState<PersonNameEntry>>(row.Utf8Json.Span,
                    RegistryJson.StateOptions)!.All());
            }
        }

        Assert.Equal(records.Values.SelectMany(e => e).OrderBy(e => e.DocumentKey), entries.OrderBy(e => e.DocumentKey));
        Assert.Null(await store.ReadAsync(GrainStateKey($"{name}#2"), Ct));
    }

    private static Dictionary<string, List<PersonNameEntry>> Records(string name, int count) =>
        Enumerable.Range(0, count).Select(_ => TestPeople.Man())
            .Select(document => new PersonNameEntry(name, document, $"m-{document}"))
            .ToDictionary(entry => $"marriage:{entry.MarriageId}", entry => new List<PersonNameEntry> { entry },
                StringComparer.Ordinal);

    private static RecordEntriesState<PersonNameEntry> State(Dictionary<string, List<PersonNameEntry>> records) =>
        new() { ByRecord = new Dictionary<string, List<PersonNameEntry>>(records, StringComparer.Ordinal) };

    private static async Task WriteAsync(IGrainStateStore store, string key,
        RecordEntriesState<PersonNameEntry> state, bool merge = false)
    {
        var stored = await store.ReadAsync(GrainStateKey(key), Ct);
        if (merge && stored is not null)
        {
            var known = JsonSerializer.Deserialize<RecordEntriesState<PersonNameEntry>>(stored.Utf8Json.Span,
                RegistryJson.StateOptions)!;
            foreach (var (record, entries) in state.ByRecord)
            {
                known.ByRecord[record] = entries;
            }

            state = known;
        }

        await store.WriteAsync(GrainStateKey(key), stored?.ETag,
            JsonSerializer.Serialize(state, RegistryJson.StateOptions), Ct);
    }

    private static GrainStateKey GrainStateKey(string key) => new(StorageNames.PersonNameIndex, GrainIdOf(key));

    private static string GrainIdOf(string key) => GrainId.Create(StorageNames.PersonNameIndex, key).ToString();
}

/// <summary>The person-name step on a SQLite file.</summary>
public sealed class SqlitePersonNameIndexMigrationTests : PersonNameIndexMigrationTests, IDisposable
{
    private readonly MigrationTestDirectory scratch = new();

    protected override async Task<IGrainStateStore> OpenStoreAsync() => await scratch.OpenStoreAsync(Ct);

    public void Dispose() => scratch.Dispose();
}

/// <summary>The person-name step on a PostgreSQL schema of its own, on a server started for the class.</summary>
public sealed class PostgreSqlPersonNameIndexMigrationTests(PostgreSqlServer server)
    : PersonNameIndexMigrationTests, IClassFixture<PostgreSqlServer>, IAsyncDisposable
{
    private readonly string schema = "n" + Guid.NewGuid().ToString("N");
    private PostgreSqlGrainStateStore? store;

    protected override async Task<IGrainStateStore> OpenStoreAsync()
    {
        store = new PostgreSqlGrainStateStore(server.ConnectionString(), schema);
        await store.InitializeAsync(Ct);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE;", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
