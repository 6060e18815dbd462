using Microsoft.Data.Sqlite;
using Registry.Abstractions.Persons;
using Registry.Storage.Sqlite;

namespace Registry.Storage.Tests.Sqlite;

/// <summary>
/// The access log's subject index, kept in its own file and filled after the fact in sorted runs: a read by subject
/// sees every committed entry whatever the index has taken in (none, some, all), in (time, sequence) order and paged
/// without loss or repetition; runs are merged level by level up to the last merged level; the follower takes appended
/// entries in by itself once there are enough; a lost, damaged or foreign index file is built again from the log.
/// </summary>
public sealed class SqliteAccessLogSubjectsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-storage-tests", Guid.NewGuid().ToString("N"));

    private readonly List<SqliteGrainStateStore> stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(directory, "registry.db");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task BySubject_IsComplete_WithNoneSomeOrAllOfTheLogIndexed()
    {
        var store = await OpenAsync(follow: false);
        var first = Entries(0, 20);
        // Appended later but earlier in time for some subjects: the merge of indexed and unindexed entries must
        // order by time, not by the order the index took them in.
        var second = Entries(20, 20, minutesBack: 30);
        await store.AppendAccessLogAsync(first, Ct);

        await AssertEveryPageAsync(store, first);

        Assert.Equal(20, store.IndexAccessLogSubjects());
        await store.AppendAccessLogAsync(second, Ct);

        await AssertEveryPageAsync(store, [.. first, .. second]);

        Assert.Equal(20, store.IndexAccessLogSubjects());
        Assert.Equal(MaxSequence(await store.ReadAccessLogAsync(All(), Ct)), store.AccessLogSubjectWatermark());
        await AssertEveryPageAsync(store, [.. first, .. second]);
        Assert.Equal(0, store.IndexAccessLogSubjects());
    }

    /// <summary>Runs of 10 entries, two to a merge, two levels merged: 10, 20 (level 1), then 10 + 20, 40 (two of
    /// level 1 make one of level 2), 10 + 40; level 2 is not merged again.</summary>
    [Theory]
    [InlineData(1_000)] // each merge in one range
    [InlineData(3)] // each merge in ranges of about three entries, flushes between them
    public async Task Runs_AreMergedLevelByLevel_AndEveryEntryStaysFoundOnce(int mergeChunk)
    {
        var store = await OpenAsync(follow: false, flush: 10, fanout: 2, mergedLevels: 2, mergeChunk: mergeChunk);
        var entries = Entries(0, 60);
        List<(int Level, long Entries)>[] expected =
        [
            [(0, 10)],
            [(1, 20)],
            [(0, 10), (1, 20)],
            [(2, 40)],
            [(0, 10), (2, 40)],
            [(1, 20), (2, 40)],
        ];

        for (var i = 0; i < expected.Length; i++)
        {
            await store.AppendAccessLogAsync(entries.Skip(i * 10).Take(10).ToList(), Ct);
            Assert.Equal(10, store.IndexAccessLogSubjects());
            Assert.Equal(expected[i], store.AccessLogSubjectRuns());
        }

        Assert.Equal(entries.Count, CountIndexed(store));
        await AssertEveryPageAsync(store, entries);
    }

    /// <summary>A merge moves its entries a range of subjects at a time: stopped after two ranges (as a process that
    /// stopped halfway), every entry is in exactly one run and read once, the new run counts what it holds, and the
    /// next start merges what was left.</summary>
    [Fact]
    public async Task Merge_StoppedHalfway_LeavesEveryEntryReadOnce_AndIsMergedAgainLater()
    {
        var entries = Entries(0, 20);
        var store = await OpenAsync(follow: false, flush: 10, fanout: 2, mergeChunk: 3, mergeChunksAtMost: 2);
        await store.AppendAccessLogAsync(entries[..10], Ct);
        store.IndexAccessLogSubjects();
        await store.AppendAccessLogAsync(entries[10..], Ct);
        store.IndexAccessLogSubjects();

        var halfway = RunCounts(store);
        Assert.Equal(3, halfway.Count);
        Assert.All(halfway, run => Assert.True(run.Counted >= 0));
        var merged = Assert.Single(halfway, run => run.Level == 1);
        Assert.Equal(merged.Held, merged.Counted);
        Assert.InRange(merged.Held, 1, 19);
        Assert.Equal(entries.Count, halfway.Sum(run => run.Held));
        await AssertEveryPageAsync(store, entries);
        Close(store);

        var reopened = await OpenAsync(follow: false, flush: 10, fanout: 2, mergeChunk: 3);
        reopened.IndexAccessLogSubjects();

        var run = Assert.Single(RunCounts(reopened));
        Assert.Equal(entries.Count, run.Held);
        Assert.Equal(entries.Count, run.Counted);
        await AssertEveryPageAsync(reopened, entries);
    }

    [Fact]
    public async Task Follower_TakesInAppendedEntriesByItself_OnceThereAreEnough()
    {
        var store = await OpenAsync(follow: true, flush: 10, fanout: 2);
        var entries = Entries(0, 50);
        foreach (var chunk in entries.Chunk(10))
        {
            await store.AppendAccessLogAsync(chunk, Ct);
        }

        var last = MaxSequence(await store.ReadAccessLogAsync(All(), Ct));
        await store.WhenAccessLogSubjectsIndexed(last).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(last, store.AccessLogSubjectWatermark());
        Assert.Equal(entries.Count, CountIndexed(store));
        Assert.Equal(entries.Count, store.AccessLogSubjectRuns().Sum(r => r.Entries));
        await AssertEveryPageAsync(store, entries);

        // Fewer than a run's worth stay unindexed, and are read all the same.
        var few = Entries(50, 4);
        await store.AppendAccessLogAsync(few, Ct);
        await AssertEveryPageAsync(store, [.. entries, .. few]);
        Assert.Equal(last, store.AccessLogSubjectWatermark());
    }

    /// <summary>While the follower stores runs and merges them by ranges (tiny runs, two to a merge, ranges of two
    /// entries: many changes), each read by subject returns every entry of that subject appended before it, once,
    /// and nothing else, whatever change it fell between.</summary>
    [Fact]
    public async Task BySubject_WhileRunsAreStoredAndMerged_IsExactAtEveryRead()
    {
        var store = await OpenAsync(follow: true, flush: 5, fanout: 2, mergedLevels: 3, mergeChunk: 2);
        var appended = new List<AccessLogEntry>();
        for (var batch = 0; batch < 120; batch++)
        {
            var entries = Entries(batch * 3, 3, minutesBack: batch % 7 * 5);
            await store.AppendAccessLogAsync(entries, Ct);
            appended.AddRange(entries);

            var subject = entries[batch % 3].SubjectIdNumber;
            var expected = appended.Where(e => e.SubjectIdNumber == subject).ToList();
            var read = (await store.ReadAccessLogAsync(All(subject), Ct)).Select(r => r.Entry).ToList();
            Assert.Equal(expected.Count, read.Count);
            Assert.Equal(expected.OrderBy(e => e.At).Select(e => e.At), read.Select(e => e.At));
            Assert.Empty(read.Except(expected));
        }

        var last = MaxSequence(await store.ReadAccessLogAsync(All(), Ct));
        await store.WhenAccessLogSubjectsIndexed(last - 4).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(store.AccessLogSubjectRuns().Count > 1);
        await AssertEveryPageAsync(store, appended);
    }

    /// <summary>The index file lost, damaged (bytes that are no database), or put back from another database (as when
    /// a database is restored from a copy beside an index built from later entries: the entry at the index's
    /// watermark is not the one it recorded, so its sequences would name other entries): the store starts the index
    /// again, reads every entry from the log meanwhile, and builds it from the first entry.</summary>
    [Theory]
    [InlineData("lost")]
    [InlineData("damaged")]
    [InlineData("from another database")]
    public async Task IndexFile_LostDamagedOrForeign_IsBuiltAgainFromTheLog(string what)
    {
        var entries = Entries(0, 30);
        var path = await IndexedAndClosedAsync(entries);
        DeleteIndex(path);
        switch (what)
        {
            case "damaged":
                await File.WriteAllBytesAsync(path,
                    Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray(), Ct);
                break;
            case "from another database":
                var other = Path.Combine(directory, "other", "registry.db");
                var foreign = await OpenAsync(follow: false, path: other);
                await foreign.AppendAccessLogAsync(Entries(100, 40, minutesBack: 600), Ct);
                foreign.IndexAccessLogSubjects();
                Close(foreign);
                File.Copy(SqliteAccessLogSubjects.PathFor(other), path);
                break;
        }

        var reopened = await OpenAsync(follow: false);

        Assert.Equal(0, reopened.AccessLogSubjectWatermark());
        await AssertEveryPageAsync(reopened, entries);
        Assert.Equal(30, reopened.IndexAccessLogSubjects());
        await AssertEveryPageAsync(reopened, entries);
    }

    /// <summary>The index is an economy, never a condition of the store: where its file cannot be made (here a
    /// directory stands at its path), the store opens, appends, and reads by subject from the log itself.</summary>
    [Fact]
    public async Task IndexFile_Unusable_TheStoreWorksWithoutIt()
    {
        Directory.CreateDirectory(SqliteAccessLogSubjects.PathFor(DatabasePath));
        var store = await OpenAsync(follow: true);
        var entries = Entries(0, 30);

        await store.AppendAccessLogAsync(entries, Ct);

        await AssertEveryPageAsync(store, entries);
        Assert.Throws<InvalidOperationException>(() => store.IndexAccessLogSubjects());
    }

    /// <summary>Ten subjects, <paramref name="count"/> entries a minute apart (minus <paramref name="minutesBack"/>),
    /// two actors, two entries of a subject at the same instant now and then (the sequence breaks the tie).</summary>
    private static List<AccessLogEntry> Entries(int first, int count, int minutesBack = 0) =>
        Enumerable.Range(first, count)
            .Select(i => new AccessLogEntry(Start.AddMinutes(i / 2 * 2 - minutesBack), $"registrar-{i % 2}",
                i % 3 == 0 ? "marriage-record" : "marital-status", $"subject-{i % 10:00}",
                i % 3 == 0 ? $"marriage/{i}" : null))
            .ToList();

    private static AccessLogQuery All(string? subject = null, AccessLogPosition? after = null, int limit = 1_000) =>
        new(Start.AddDays(-1), Start.AddDays(1), subject, null, after, limit);

    private static long MaxSequence(IReadOnlyList<AccessLogRow> rows) => rows.Max(r => r.Sequence);

    /// <summary>For each subject: one read in full, and pages of two, each the subject's entries in time order (ties
    /// by the order appended), every entry once.</summary>
    private static async Task AssertEveryPageAsync(SqliteGrainStateStore store, IReadOnlyList<AccessLogEntry> appended)
    {
        foreach (var subject in appended.Select(e => e.SubjectIdNumber).Distinct())
        {
            var expected = appended.Select((entry, order) => (entry, order))
                .Where(e => e.entry.SubjectIdNumber == subject)
                .OrderBy(e => e.entry.At).ThenBy(e => e.order)
                .Select(e => e.entry)
                .ToList();

            Assert.Equal(expected, (await store.ReadAccessLogAsync(All(subject), Ct)).Select(r => r.Entry));

            var paged = new List<AccessLogEntry>();
            AccessLogPosition? after = null;
            while (true)
            {
                var page = await store.ReadAccessLogAsync(All(subject, after, limit: 2), Ct);
                paged.AddRange(page.Select(r => r.Entry));
                if (page.Count < 2)
                {
                    break;
                }

                after = page[^1].Position;
            }

            Assert.Equal(expected, paged);
        }
    }

    /// <summary>Each run's level, the entries its row counts, and the entries it holds.</summary>
    private static List<(int Level, long Counted, long Held)> RunCounts(SqliteGrainStateStore store)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = store.AccessLogSubjectsPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.level, r.entries, (SELECT COUNT(*) FROM subject_entry e WHERE e.run = r.id)
            FROM subject_run r ORDER BY r.id;
            """;
        using var reader = command.ExecuteReader();
        var runs = new List<(int, long, long)>();
        while (reader.Read())
        {
            runs.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return runs;
    }

    private static long CountIndexed(SqliteGrainStateStore store) => RunCounts(store).Sum(run => run.Held);

    /// <summary>The test's database with <paramref name="entries"/> appended and indexed, then closed; its index
    /// file's path.</summary>
    private async Task<string> IndexedAndClosedAsync(IReadOnlyList<AccessLogEntry> entries)
    {
        var store = await OpenAsync(follow: false);
        await store.AppendAccessLogAsync(entries, Ct);
        store.IndexAccessLogSubjects();
        Close(store);
        return store.AccessLogSubjectsPath;
    }

    private static void DeleteIndex(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private async Task<SqliteGrainStateStore> OpenAsync(bool follow, int flush = 1_000, int fanout = 4,
        int mergedLevels = 2, int mergeChunk = 1_000, int mergeChunksAtMost = int.MaxValue, string? path = null)
    {
        var store = new SqliteGrainStateStore(path ?? DatabasePath)
        {
            FollowAccessLogSubjects = follow,
            AccessLogSubjectSettings = new(flush, fanout, mergedLevels, mergeChunk, mergeChunksAtMost),
        };
        stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }

    private void Close(SqliteGrainStateStore store)
    {
        stores.Remove(store);
        store.Dispose();
    }
}
