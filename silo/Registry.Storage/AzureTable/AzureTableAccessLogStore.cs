using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Registry.Abstractions.Persons;

namespace Registry.Storage.AzureTable;

/// <summary>
/// The access log in an Azure table of its own (next to the official Orleans provider's grain-state table): one
/// entity per entry, inserted and never updated. PartitionKey = the bureau's day and the subject's shard
/// (<c>yyyyMMdd-ss</c>, <see cref="AccessLogPartition.ShardOf"/>), so a day's reads spread over
/// <see cref="AccessLogPartition.Shards"/> partitions and one person's reads of a day share one; RowKey = UTC ticks
/// (19 digits) and a random 63-bit sequence (19 digits), so key order is time order with a tie-break, and that pair
/// is the row's <see cref="AccessLogPosition"/>.
/// </summary>
/// <remarks>
/// <para>Appends are one entity-group transaction per partition and 100 entities. Reads go day by day over the
/// period: a subject's reads are one partition per day; reads by actor or by period alone query every shard of
/// each day (16 partitions a day), the price of not keeping a second copy per actor.</para>
/// <para>Thread-safe; the table is created on first use.</para>
/// </remarks>
public sealed class AzureTableAccessLogStore(TableServiceClient service, string tableName, TimeZoneInfo bureauZone)
    : IAccessLogStore
{
    private const int TransactionLimit = 100;
    private readonly TableOnFirstUse tables = new(service, tableName);

    /// <summary>The table's name.</summary>
    public string TableName => tables.Table.Name;

    /// <inheritdoc />
    public async Task AppendAccessLogAsync(IReadOnlyList<AccessLogEntry> entries,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var table = await tables.GetAsync(cancellationToken);
        var transactions = entries
            .Select(entry => ToEntity(entry, NewSequence()))
            .GroupBy(entity => entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(TransactionLimit))
            .Select(chunk => table.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken));
        await Task.WhenAll(transactions);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccessLogRow>> ReadAccessLogAsync(AccessLogQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var table = await tables.GetAsync(cancellationToken);
        var after = query.After is { } position && position.At >= query.From
            ? RowKey(position.At.UtcTicks, position.Sequence)
            : RowKey(query.From.UtcTicks, -1);
        var until = RowKey(query.Until.UtcTicks, -1);
        var firstDay = Day(query.After is { } p && p.At > query.From ? p.At : query.From);
        var lastDay = Day(query.Until);
        var rows = new List<AccessLogRow>();
        for (var day = firstDay; day <= lastDay && rows.Count < query.Limit; day = day.AddDays(1))
        {
            var partitions = query.Subject is null
                ? Enumerable.Range(0, AccessLogPartition.Shards).Select(shard => PartitionKey(day, shard))
                : [PartitionKey(day, AccessLogPartition.ShardOf(query.Subject))];
            var found = await Task.WhenAll(partitions.Select(partition =>
                ReadPartitionAsync(partition, after, until, query, query.Limit - rows.Count, cancellationToken)));
            rows.AddRange(found.SelectMany(f => f)
                .OrderBy(r => r.Entry.At).ThenBy(r => r.Sequence)
                .Take(query.Limit - rows.Count));
        }

        return rows;
    }

    private async Task<List<AccessLogRow>> ReadPartitionAsync(string partition, string after, string until,
        AccessLogQuery query, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {after} and RowKey lt {until}");
        if (query.Subject is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Subject eq {query.Subject}");
        }

        if (query.Actor is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Actor eq {query.Actor}");
        }

        var rows = new List<AccessLogRow>();
        await foreach (var entity in tables.Table.QueryAsync<TableEntity>(filter, Math.Min(limit, 1_000),
                           cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(entity));
            if (rows.Count == limit)
            {
                break;
            }
        }

        return rows;
    }


    private TableEntity ToEntity(AccessLogEntry entry, long sequence)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var shard = AccessLogPartition.ShardOf(entry.SubjectIdNumber);
        return new TableEntity(PartitionKey(Day(entry.At), shard), RowKey(entry.At.UtcTicks, sequence))
        {
            ["AtTicks"] = entry.At.UtcTicks,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Subject"] = entry.SubjectIdNumber,
            ["RecordId"] = entry.RecordId,
        };
    }

    private static AccessLogRow ToRow(TableEntity entity) =>
        new(long.Parse(entity.RowKey.AsSpan(20), CultureInfo.InvariantCulture), new AccessLogEntry(
            new DateTimeOffset(entity.GetInt64("AtTicks")!.Value, TimeSpan.Zero), entity.GetString("Actor"),
            entity.GetString("Action"), entity.GetString("Subject"), entity.GetString("RecordId")));

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, bureauZone).DateTime);

    private static string PartitionKey(DateOnly day, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyyMMdd}-{shard:00}");

    // Sequence -1 (a bound, never stored) sorts before every stored row of the same instant: "-" < "0".
    private static string RowKey(long ticks, long sequence) => sequence < 0
        ? string.Create(CultureInfo.InvariantCulture, $"{ticks:D19}-")
        : string.Create(CultureInfo.InvariantCulture, $"{ticks:D19}-{sequence:D19}");

    private static long NewSequence() => RandomNumberGenerator.GetInt32(int.MaxValue) * (long)int.MaxValue +
                                         RandomNumberGenerator.GetInt32(int.MaxValue);
}
