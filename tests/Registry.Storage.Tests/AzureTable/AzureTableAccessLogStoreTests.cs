using Azure.Data.Tables;
using Registry.Abstractions.Persons;
using Registry.Storage.AzureTable;
using Registry.Storage.Tests.Servers;

namespace Registry.Storage.Tests.AzureTable;

/// <summary>
/// The access log in an Azure table of its own, against Azurite: what the SQL backends' conformance tests ask of
/// their <c>access_log</c> table (exact round trip, time order, selection by subject, actor and period, lossless
/// paging over equal instants), plus the partition layout (bureau day and subject shard).
/// </summary>
public sealed class AzureTableAccessLogStoreTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
    private readonly string tableName = "accesslog" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AzureTableAccessLogStore Store() =>
        new(new TableServiceClient(azurite.ConnectionString), tableName, Beijing);

    private static AccessLogEntry Entry(double minutes, string actor, string subject, string? record = null) =>
        new(Start.AddMinutes(minutes), actor, "marital-status", subject, record);

    private static AccessLogQuery Query(string? subject = null, string? actor = null,
        AccessLogPosition? after = null, int limit = 1_000) =>
        new(Start, Start.AddDays(10), subject, actor, after, limit);

    [Fact]
    public async Task Append_EntriesComeBackExactlyInTimeOrder()
    {
        var store = Store();
        AccessLogEntry[] entries =
        [
            Entry(5.0001, "registrar-a", "subject-1", "marriage/1"),
            Entry(1, "registrar-b", "subject-2"),
            Entry(3, "registrar-a", "subject-3", "marriage/2"),
        ];

        await store.AppendAccessLogAsync(entries, Ct);

        var rows = await store.ReadAccessLogAsync(Query(), Ct);
        Assert.Equal(entries.OrderBy(e => e.At), rows.Select(r => r.Entry));
    }

    [Fact]
    public async Task Read_SelectsBySubjectActorAndPeriodAcrossDays()
    {
        var store = Store();
        // 17:00 UTC is 01:00 the next day in Beijing: the bureau day decides the partition.
        await store.AppendAccessLogAsync(
        [
            Entry(0, "registrar-a", "subject-1"),
            Entry(10, "registrar-b", "subject-1"),
            Entry(20, "registrar-a", "subject-2"),
            Entry(16 * 60, "registrar-a", "subject-1"),
            Entry(60 * 24 * 2, "registrar-a", "subject-1"),
        ], Ct);

        int[] Minutes(IReadOnlyList<AccessLogRow> rows) =>
            rows.Select(r => (int)(r.Entry.At - Start).TotalMinutes).ToArray();

        var ofSubject = Minutes(await store.ReadAccessLogAsync(Query(subject: "subject-1"), Ct));
        var byActor = Minutes(await store.ReadAccessLogAsync(Query(actor: "registrar-a"), Ct));
        var inPeriod = Minutes(await store.ReadAccessLogAsync(
            new AccessLogQuery(Start.AddMinutes(10), Start.AddMinutes(960), null, null, null, 100), Ct));

        Assert.Equal([0, 10, 960, 2880], ofSubject);
        Assert.Equal([0, 20, 960, 2880], byActor);
        Assert.Equal([10, 20], inPeriod);
    }

    [Fact]
    public async Task Read_PagesCoverEveryEntryOnceAlsoWhenTimesAreEqual()
    {
        var store = Store();
        var entries = Enumerable.Range(0, 30).Select(i => Entry(i / 3, "registrar-a", $"subject-{i}")).ToList();
        await store.AppendAccessLogAsync(entries, Ct);

        var seen = new List<AccessLogEntry>();
        AccessLogPosition? after = null;
        while (true)
        {
            var page = await store.ReadAccessLogAsync(Query(actor: "registrar-a", after: after, limit: 4), Ct);
            seen.AddRange(page.Select(r => r.Entry));
            if (page.Count < 4)
            {
                break;
            }

            after = page[^1].Position;
        }

        Assert.Equal(entries.Select(e => e.SubjectIdNumber).Order(), seen.Select(e => e.SubjectIdNumber).Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderBy(e => e.At), seen);
    }

    [Fact]
    public async Task Append_StoresOneEntityPerEntryUnderTheDayAndShardPartition()
    {
        var store = Store();
        var entry = Entry(16 * 60 + 30, "registrar-a", "subject-1");

        await store.AppendAccessLogAsync([entry, entry with { Actor = "registrar-b" }], Ct);

        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(tableName);
        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            entities.Add(entity);
        }

        var partition = $"20261204-{AccessLogPartition.ShardOf("subject-1"):00}";
        Assert.Equal([partition, partition], entities.Select(e => e.PartitionKey));
        Assert.Equal(2, entities.Select(e => e.RowKey).Distinct().Count());
        Assert.All(entities, e => Assert.StartsWith($"{entry.At.UtcTicks:D19}-", e.RowKey));
    }
}
