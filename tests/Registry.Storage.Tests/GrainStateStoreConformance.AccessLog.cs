using Orleans.Storage;
using Registry.Abstractions.Persons;

namespace Registry.Storage.Tests;

/// <summary>
/// The access-log part of the conformance suite: appended entries come back exactly, in time order, selected by
/// subject, actor and period and paged without loss or repetition; a move of an old partition state is atomic and
/// happens once.
/// </summary>
public abstract partial class GrainStateStoreConformance
{
    private static readonly DateTimeOffset LogStart = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LogEnd = LogStart.AddDays(10);

    private static AccessLogEntry Entry(int minute, string actor, string subject, string? record = null,
        int ticks = 0) =>
        new(LogStart.AddMinutes(minute).AddTicks(ticks), actor, "marital-status", subject, record);

    private static AccessLogQuery Everything(string? subject = null, string? actor = null, int limit = 1_000) =>
        new(LogStart, LogEnd, subject, actor, null, limit);

    [Fact]
    public async Task AccessLog_AppendedEntries_ComeBackExactlyInTimeOrder()
    {
        var store = await OpenAsync();
        // Out of time order on purpose, with sub-millisecond ticks and an empty record id.
        AccessLogEntry[] entries =
        [
            Entry(5, "registrar-a", "subject-1", "marriage/1", ticks: 7),
            Entry(1, "registrar-b", "subject-2"),
            Entry(3, "registrar-a", "subject-2", "marriage/2"),
        ];

        await store.AppendAccessLogAsync(entries, Ct);
        await store.AppendAccessLogAsync([Entry(2, "registrar-c", "subject-1")], Ct);

        var rows = await store.ReadAccessLogAsync(Everything(), Ct);
        Assert.Equal(entries.Append(Entry(2, "registrar-c", "subject-1")).OrderBy(e => e.At),
            rows.Select(r => r.Entry));
        Assert.Equal(4, rows.Select(r => r.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task AccessLog_Query_SelectsBySubjectActorAndPeriod()
    {
        var store = await OpenAsync();
        await store.AppendAccessLogAsync(
        [
            Entry(0, "registrar-a", "subject-1"),
            Entry(10, "registrar-b", "subject-1"),
            Entry(20, "registrar-a", "subject-2"),
            Entry(60 * 24 * 2, "registrar-a", "subject-1"),
        ], Ct);

        var ofSubject = await store.ReadAccessLogAsync(Everything(subject: "subject-1"), Ct);
        var byActor = await store.ReadAccessLogAsync(Everything(actor: "registrar-a"), Ct);
        var both = await store.ReadAccessLogAsync(Everything(subject: "subject-1", actor: "registrar-a"), Ct);
        var firstDay = await store.ReadAccessLogAsync(
            new AccessLogQuery(LogStart.AddMinutes(10), LogStart.AddDays(1), null, null, null, 100), Ct);

        Assert.Equal([0, 10, 2880], ofSubject.Select(r => (int)(r.Entry.At - LogStart).TotalMinutes));
        Assert.Equal([0, 20, 2880], byActor.Select(r => (int)(r.Entry.At - LogStart).TotalMinutes));
        Assert.Equal([0, 2880], both.Select(r => (int)(r.Entry.At - LogStart).TotalMinutes));
        Assert.Equal([10, 20], firstDay.Select(r => (int)(r.Entry.At - LogStart).TotalMinutes));
    }

    [Fact]
    public async Task AccessLog_Pages_CoverEveryEntryOnceAlsoWhenTimesAreEqual()
    {
        var store = await OpenAsync();
        // Three entries share each instant: paging must break the tie by sequence, not skip or repeat.
        var entries = Enumerable.Range(0, 30).Select(i => Entry(i / 3, "registrar-a", $"subject-{i}")).ToList();
        await store.AppendAccessLogAsync(entries, Ct);

        var seen = new List<AccessLogEntry>();
        AccessLogPosition? after = null;
        while (true)
        {
            var page = await store.ReadAccessLogAsync(
                new AccessLogQuery(LogStart, LogEnd, null, "registrar-a", after, 4), Ct);
            seen.AddRange(page.Select(r => r.Entry));
            if (page.Count < 4)
            {
                break;
            }

            after = page[^1].Position;
        }

        Assert.Equal(entries.Select(e => e.SubjectIdNumber).Order(), seen.Select(e => e.SubjectIdNumber).Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task AccessLog_MoveOfAStoredPartition_AppendsItsEntriesAndRemovesItOnce()
    {
        var store = await OpenAsync();
        var partition = Key("2026-12-03/07", "access-log");
        var etag = await store.WriteAsync(partition, null, Json("old partition"), Ct);
        AccessLogEntry[] entries = [Entry(1, "registrar-a", "subject-1"), Entry(2, "registrar-b", "subject-1")];

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.MoveStateToAccessLogAsync(partition, "stale", entries, Ct));
        Assert.Empty(await store.ReadAccessLogAsync(Everything(), Ct));
        Assert.NotNull(await store.ReadAsync(partition, Ct));

        await store.MoveStateToAccessLogAsync(partition, etag, entries, Ct);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.MoveStateToAccessLogAsync(partition, etag, entries, Ct));

        Assert.Null(await store.ReadAsync(partition, Ct));
        Assert.Equal(entries, (await store.ReadAccessLogAsync(Everything(), Ct)).Select(r => r.Entry));
    }

    [Fact]
    public async Task AccessLog_Entries_OutliveAReopenedStore()
    {
        var store = await OpenAsync();
        await store.AppendAccessLogAsync([Entry(1, "registrar-a", "subject-1")], Ct);
        await CloseAsync(store);

        var reopened = await OpenAsync();
        await reopened.AppendAccessLogAsync([Entry(2, "registrar-a", "subject-1")], Ct);

        Assert.Equal(2, (await reopened.ReadAccessLogAsync(Everything(), Ct)).Count);
    }
}
