using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Registry.Abstractions.Persons;
using Registry.Storage.Sqlite;

namespace Registry.Storage.Tests.Sqlite;

/// <summary>The conformance suite against a real SQLite file in a temporary directory, plus SQLite specifics.</summary>
public sealed class SqliteGrainStateStoreTests : GrainStateStoreConformance
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-storage-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IGrainStateStore> CreateStoreAsync(string scope, Outbox? outbox = null) =>
        Task.FromResult<IGrainStateStore>(new SqliteGrainStateStore(DatabasePath(scope), outbox: outbox));

    protected override ValueTask CleanupAsync()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private string DatabasePath(string scope) => Path.Combine(directory, "nested", scope + ".db");

    /// <summary>
    /// The store notes each outboxed version it committed, so a grain's word that it published its state covers the
    /// rows up to that version and no later one; a record the relay has acknowledged is no longer tracked (its next
    /// rows are relayed the ordinary way until its grain says so again); a state name whose grains do not say is not
    /// tracked at all, so the relay neither waits for nor skips its rows.
    /// </summary>
    [Fact]
    public async Task Outbox_PublishedInline_CoversTheVersionsWrittenBeforeTheGrainSaidSo()
    {
        var outbox = new Outbox(["place", "unreported"]) { ReportedStateNames = new HashSet<string> { "place" } };
        var store = await OpenAsync(outbox: outbox);
        var key = Key("inline");
        var unreported = Key("inline", "unreported");
        outbox.Published(key);
        Assert.False(outbox.PublishedInline(key, 1));

        await store.WriteAsync(unreported, null, Json("not reported"), Ct);
        var first = await store.WriteAsync(key, null, Json("one"), Ct);
        var unsaid = outbox.PublishedInline(key, 1);
        var awaited = outbox.AwaitsPublication(key, 1);
        outbox.Published(key);
        outbox.Published(unreported);
        var said = outbox.PublishedInline(key, 1);
        await store.WriteAsync(key, first, Json("two"), Ct);

        Assert.False(unsaid);
        Assert.True(awaited);
        Assert.True(said);
        Assert.False(outbox.AwaitsPublication(key, 1));
        Assert.True(outbox.AwaitsPublication(key, 2));
        Assert.False(outbox.AwaitsPublication(unreported, 1));
        Assert.False(outbox.PublishedInline(unreported, 1));
        Assert.True(outbox.PublishedInline(key, 1));
        Assert.False(outbox.PublishedInline(key, 2));
        var rows = await store.ClaimOutboxAsync("relay", TimeSpan.FromMinutes(1), 10, Ct);
        Assert.Equal([1L, 2L], rows.Where(row => row.Key == key).Select(row => row.Version));
        outbox.Published(key);
        Assert.True(outbox.PublishedInline(key, 2));
        outbox.Acknowledged(key, 2);
        Assert.False(outbox.PublishedInline(key, 2));
    }

    [Fact]
    public async Task InitializeAsync_NewPath_CreatesDirectoryAndWalDatabase()
    {
        await OpenAsync();

        Assert.True(File.Exists(DatabasePath(Scope)));
        Assert.Equal("wal", QueryScalar("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.Migrations.Count, QueryScalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(0L, QueryScalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'grain_history';"));
    }

    [Fact]
    public async Task Operations_AfterDispose_ThrowObjectDisposed()
    {
        var store = await OpenAsync();
        await CloseAsync(store);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadAsync(Key("a"), Ct));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_Throws()
    {
        var store = await OpenAsync();
        QueryScalar("INSERT INTO schema_version (version, applied_at) VALUES (99, 'future');");

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));
    }

    [Fact]
    public async Task AccessLog_RowsCannotBeChangedOrRemoved()
    {
        var store = await OpenAsync();
        await store.AppendAccessLogAsync([AccessLogLoad.Entry(0)], Ct);

        Assert.Throws<SqliteException>(() => QueryScalar("UPDATE access_log SET actor = 'someone else';"));
        Assert.Throws<SqliteException>(() => QueryScalar("DELETE FROM access_log;"));
        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM access_log;"));
    }

    [Fact]
    public async Task AccessLog_100000Entries_TakeUnder50MB()
    {
        var store = await OpenAsync();

        await AccessLogLoad.AppendAsync(store, Ct);
        ((SqliteGrainStateStore)store).IndexAccessLogSubjects();
        await CloseAsync(store); // closing checkpoints the WAL into the database file

        // The database and the access log's subject index beside it.
        var files = Directory.GetFiles(Path.GetDirectoryName(DatabasePath(Scope))!, Scope + ".*");
        Assert.Contains(files, file => file.EndsWith(".access-log-subjects.db", StringComparison.Ordinal));
        var bytes = files.Sum(file => new FileInfo(file).Length);
        Assert.Equal((long)AccessLogLoad.Count, QueryScalar("SELECT COUNT(*) FROM access_log;"));
        TestContext.Current.SendDiagnosticMessage(
            $"SQLite database with {AccessLogLoad.Count:N0} access-log entries: {bytes / 1_048_576.0:F1} MiB");
        Assert.InRange(bytes, 1, AccessLogLoad.MaximumBytes);
    }

    [Fact]
    public async Task LongState_IsStoredCompressedAndReadsBackExactly()
    {
        var store = await OpenAsync();
        var json = LongJson(40);

        var etag = await store.WriteAsync(Key("long"), null, json, Ct);

        var stored = await store.ReadAsync(Key("long"), Ct);
        Assert.Equal(json, stored?.StateJson);
        Assert.Equal(etag, stored?.ETag);
        Assert.Equal("blob", QueryScalar(OfStoredValue("typeof({0})", "place/long")));
        var bytes = (long)QueryScalar(OfStoredValue("length({0})", "place/long"))!;
        Assert.InRange(bytes, 1, System.Text.Encoding.UTF8.GetByteCount(json) / 2);
        var all = await ReadAllAsync(store);
        Assert.Equal(json, Assert.Single(all).State.StateJson);
        var ranged = await store.ReadPrefixAsync("place", "place/lo", Ct);
        Assert.Equal(json, Assert.Single(ranged).State.StateJson);
    }

    /// <summary>A state's first write is compressed for size (it is mostly a record, kept as written); a write over
    /// a stored version (mostly a read model's partition, rewritten on every record) is compressed faster. Both read
    /// back exactly.</summary>
    [Fact]
    public async Task RewrittenState_IsCompressedFaster_FirstWriteForSize_BothReadBackExactly()
    {
        var store = await OpenAsync();
        var json = LongJson(60);
        var stored = OfStoredValue("{0}", "place/rewritten");

        var etag = await store.WriteAsync(Key("rewritten"), null, json, Ct);
        var first = (byte[])QueryScalar(stored)!;
        var firstRead = (await store.ReadAsync(Key("rewritten"), Ct))?.StateJson;
        await store.WriteAsync(Key("rewritten"), etag, json, Ct);
        var second = (byte[])QueryScalar(stored)!;

        Assert.Equal((byte[])SqliteStateCodec.Encode(json), first);
        Assert.Equal((byte[])SqliteStateCodec.Encode(json, rewrite: true), second);
        Assert.NotEqual(first, second);
        Assert.Equal(json, firstRead);
        Assert.Equal(json, (await store.ReadAsync(Key("rewritten"), Ct))?.StateJson);
    }

    /// <summary>The UTF-8 bytes of a state (what the grain storage hands over) are encoded as its text is: stored as
    /// text when short, compressed with Brotli, with Zstandard when large.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(3000)]
    public void Encode_Utf8Bytes_GivesWhatTheTextGives(int entries)
    {
        var json = entries == 0 ? Json("东城区") : LongJson(entries);

        var fromText = SqliteStateCodec.Encode(json);
        var fromBytes = SqliteStateCodec.Encode(Encoding.UTF8.GetBytes(json));

        Assert.Equal(fromText.GetType(), fromBytes.GetType());
        Assert.Equal(fromText is string ? json : fromText, fromBytes);
        Assert.Equal(SqliteStateCodec.Encode(json, rewrite: true), SqliteStateCodec.Encode(Encoding.UTF8.GetBytes(json), rewrite: true));
    }

    [Fact]
    public async Task ShortState_StaysText()
    {
        var store = await OpenAsync();

        await store.WriteAsync(Key("short"), null, Json("short"), Ct);

        Assert.Equal("text", QueryScalar(OfStoredValue("typeof({0})", "place/short")));
        Assert.Equal(Json("short"), (await store.ReadAsync(Key("short"), Ct))?.StateJson);
    }

    [Fact]
    public async Task LongTextStateOfEarlierLayout_ReadsAsWrittenAndIsCompressedWhenNextWritten()
    {
        var store = await OpenAsync();
        var json = LongJson(30);
        QueryScalar($"""
            INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at)
            VALUES ('place', 'place/old', 3, 'etag-old', '{json}', '2026-01-01T00:00:00Z');
            """);

        var stored = await store.ReadAsync(Key("old"), Ct);
        Assert.Equal(json, stored?.StateJson);
        Assert.Equal(3, stored?.Version);

        var changed = LongJson(31);
        await store.WriteAsync(Key("old"), "etag-old", changed, Ct);
        Assert.Equal(changed, (await store.ReadAsync(Key("old"), Ct))?.StateJson);
        Assert.Equal("blob", QueryScalar(OfStoredValue("typeof({0})", "place/old")));
    }

    [Fact]
    public async Task InsertMissing_LongState_IsStoredCompressed()
    {
        var store = await OpenAsync();
        var json = LongJson(25);

        Assert.Equal(1, await store.InsertMissingAsync([new SeedState(Key("seeded"), json)], Ct));

        Assert.Equal(json, (await store.ReadAsync(Key("seeded"), Ct))?.StateJson);
        Assert.Equal("blob", QueryScalar(OfStoredValue("typeof({0})", "place/seeded")));
    }

    /// <summary>
    /// A state longer than <see cref="SqliteGrainStateStore.LargestInlineState"/> once encoded is kept in
    /// <c>state_content</c>, not in its row of the keyed table (where a search for any neighbouring key would read it
    /// whole); every read finds it, a rewrite replaces its content in place, and a short rewrite or a clear leaves no
    /// content row behind.
    /// </summary>
    [Fact]
    public async Task LongState_IsKeptOutOfItsRow_AndItsContentFollowsEveryWriteAndTheClear()
    {
        var store = await OpenAsync();
        var json = LongJson(3_000);
        Assert.True(((byte[])SqliteStateCodec.Encode(json)).Length > SqliteGrainStateStore.LargestInlineState);
        const string row = "SELECT content_id IS NOT NULL, length(state_json) FROM grain_state WHERE grain_id = 'place/big';";
        const string contentRows = "SELECT COUNT(*) FROM state_content;";

        var etag = await store.WriteAsync(Key("big"), null, json, Ct);
        await store.WriteAsync(Key("small"), null, Json("small"), Ct);

        Assert.Equal(1L, QueryScalar(row));
        Assert.Equal(0L, QueryScalar("SELECT length(state_json) FROM grain_state WHERE grain_id = 'place/big';"));
        Assert.Equal(0L, QueryScalar("SELECT COUNT(*) FROM grain_state WHERE grain_id = 'place/small' AND content_id IS NOT NULL;"));
        Assert.Equal(1L, QueryScalar(contentRows));
        Assert.Equal(new StoredGrainState(etag, 1, json), await store.ReadAsync(Key("big"), Ct));
        Assert.Equal([json, Json("small")], (await store.ReadPrefixAsync("place", "place/", Ct)).Select(r => r.State.StateJson));
        Assert.Equal([json, Json("small")], (await ReadAllAsync(store)).Select(r => r.State.StateJson));
        Assert.Equal(json, (await store.ReadManyAsync("place", ["place/big"], Ct)).Single()?.StateJson);

        var contentId = QueryScalar("SELECT content_id FROM grain_state WHERE grain_id = 'place/big';");
        var longer = LongJson(3_001);
        etag = await store.WriteAsync(Key("big"), etag, longer, Ct);
        Assert.Equal(contentId, QueryScalar("SELECT content_id FROM grain_state WHERE grain_id = 'place/big';"));
        Assert.Equal(1L, QueryScalar(contentRows));
        Assert.Equal(longer, (await store.ReadAsync(Key("big"), Ct))?.StateJson);

        etag = await store.WriteAsync(Key("big"), etag, Json("now short"), Ct);
        Assert.Equal(0L, QueryScalar(row));
        Assert.Equal(0L, QueryScalar(contentRows));
        Assert.Equal(Json("now short"), (await store.ReadAsync(Key("big"), Ct))?.StateJson);

        etag = await store.WriteAsync(Key("big"), etag, json, Ct);
        Assert.Equal(1L, QueryScalar(contentRows));
        await store.ClearAsync(Key("big"), etag, Ct);
        Assert.Null(await store.ReadAsync(Key("big"), Ct));
        Assert.Equal(0L, QueryScalar(contentRows));
    }

    /// <summary>A long seed is kept out of its row too, and a seed of a state already stored leaves no content row.</summary>
    [Fact]
    public async Task InsertMissing_LongState_IsKeptOutOfItsRow_AndASeedNotInsertedLeavesNoContent()
    {
        var store = await OpenAsync();
        var json = LongJson(3_000);

        Assert.Equal(1, await store.InsertMissingAsync([new SeedState(Key("seeded"), json)], Ct));
        Assert.Equal(0, await store.InsertMissingAsync([new SeedState(Key("seeded"), LongJson(3_001))], Ct));

        Assert.Equal(json, (await store.ReadAsync(Key("seeded"), Ct))?.StateJson);
        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM state_content;"));
        Assert.Equal(1L, QueryScalar("SELECT content_id IS NOT NULL FROM grain_state WHERE grain_id = 'place/seeded';"));
    }

    [Fact]
    public async Task DamagedCompressedState_IsReportedNotMisread()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Key("damaged"), null, LongJson(20), Ct);
        SetStoredValue("place/damaged", "x'01ffffffff00'");

        await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadAsync(Key("damaged"), Ct));
    }

    /// <summary>A state of 64 KiB or more (an index snapshot, a partition's pieces) is kept as a Zstandard frame (tag
    /// 3), smaller than its text, and reads back exactly, through a read by key and a range read alike.</summary>
    [Fact]
    public async Task LargeState_IsKeptAsZstandard_AndReadsBackExactly()
    {
        var store = await OpenAsync();
        var json = LongJson(1_500);
        var utf8 = System.Text.Encoding.UTF8.GetByteCount(json);
        Assert.True(utf8 >= SqliteStateCodec.ZstandardFrom, $"{utf8} bytes is not a large state");

        await store.WriteAsync(Key("large"), null, json, Ct);

        var stored = (byte[])QueryScalar(OfStoredValue("{0}", "place/large"))!;
        Assert.Equal(3, stored[0]);
        Assert.Equal(utf8, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(1, 4)));
        Assert.InRange(stored.Length, 1, utf8 / 4);
        Assert.Equal(json, (await store.ReadAsync(Key("large"), Ct))?.StateJson);
        Assert.Equal(json, Assert.Single(await store.ReadPrefixAsync("place", "place/lar", Ct)).State.StateJson);
    }

    /// <summary>A large state written as Brotli (tag 1) by an earlier build still reads, and is kept as Zstandard
    /// once written again.</summary>
    [Fact]
    public async Task LargeStateOfTheBrotliLayout_ReadsAsWritten_AndIsKeptAsZstandardWhenNextWritten()
    {
        var store = await OpenAsync();
        var json = LongJson(1_400);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        var brotli = new byte[5 + System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress(utf8, brotli.AsSpan(5), out var written, 5, 16));
        brotli[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(brotli.AsSpan(1, 4), utf8.Length);
        QueryScalar($"""
            INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at)
            VALUES ('place', 'place/brotli', 4, x'0102030405060708', x'{Convert.ToHexString(brotli, 0, 5 + written)}', 0);
            """);

        var stored = await store.ReadAsync(Key("brotli"), Ct);
        Assert.Equal(json, stored?.StateJson);

        var changed = LongJson(1_401);
        await store.WriteAsync(Key("brotli"), stored!.ETag, changed, Ct);
        Assert.Equal(3, ((byte[])QueryScalar(OfStoredValue("{0}", "place/brotli"))!)[0]);
        Assert.Equal(changed, (await store.ReadAsync(Key("brotli"), Ct))?.StateJson);
    }

    [Fact]
    public async Task DamagedZstandardState_IsReportedNotMisread()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Key("damaged"), null, LongJson(1_500), Ct);
        SetStoredValue("place/damaged", "x'03ffff000028b52ffd0400'");

        await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadAsync(Key("damaged"), Ct));
    }

    [Fact]
    public async Task Write_KeepsTheETagAsEightBytesAndTheTimeAsMilliseconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var store = await OpenAsync();

        var etag = await store.WriteAsync(Key("compact"), null, Json("compact"), Ct);

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Matches("^[0-9a-f]{16}$", etag);
        Assert.Equal("blob", QueryScalar("SELECT typeof(etag) FROM grain_state WHERE grain_id = 'place/compact';"));
        Assert.Equal(etag, QueryScalar("SELECT lower(hex(etag)) FROM grain_state WHERE grain_id = 'place/compact';"));
        Assert.InRange((long)QueryScalar("SELECT updated_at FROM grain_state WHERE grain_id = 'place/compact';")!,
            before, after);
        var next = await store.WriteAsync(Key("compact"), etag, Json("compact, again"), Ct);
        Assert.NotEqual(etag, next);
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(
            () => store.WriteAsync(Key("compact"), etag, Json("stale"), Ct));
    }

    [Fact]
    public async Task Schema6_CopiesTheRowsOfSchema5_KeepingETagsStatesAndTimes()
    {
        // A database as schema 5 left it: text ETags (32-digit GUIDs), ISO times, one state compressed.
        CreateDatabaseAtSchema(5, "2026-11-01T00:00:00.0000000+00:00");

        var longJson = LongJson(30);
        var compressed = (byte[])SqliteStateCodec.Encode(longJson);
        QueryScalar($"""
            INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at) VALUES
                ('place', 'place/short', 2, '0f6f6b1a2b3c4d5e6f708192a3b4c5d6', '{Json("short")}',
                 '2026-11-02T03:04:05.6789012+00:00'),
                ('place', 'place/long', 7, 'aa6f6b1a2b3c4d5e6f708192a3b4c5d6', x'{Convert.ToHexString(compressed)}',
                 '2026-11-03T00:00:00.0000000+00:00');
            """);

        var store = await OpenAsync();

        Assert.Equal((long)SqliteSchema.Migrations.Count, QueryScalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(new StoredGrainState("0f6f6b1a2b3c4d5e6f708192a3b4c5d6", 2, Json("short")),
            await store.ReadAsync(Key("short"), Ct));
        Assert.Equal(new StoredGrainState("aa6f6b1a2b3c4d5e6f708192a3b4c5d6", 7, longJson),
            await store.ReadAsync(Key("long"), Ct));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 3, 4, 5, 679, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            QueryScalar("SELECT updated_at FROM grain_state WHERE grain_id = 'place/short';"));
        Assert.Equal("integer", QueryScalar("SELECT typeof(updated_at) FROM grain_state WHERE grain_id = 'place/long';"));

        // The grain that holds the old ETag writes on as before; the new ETag is the compact one.
        var next = await store.WriteAsync(Key("short"), "0f6f6b1a2b3c4d5e6f708192a3b4c5d6", Json("short 2"), Ct);
        Assert.Matches("^[0-9a-f]{16}$", next);
        Assert.Equal(3, (await store.ReadAsync(Key("short"), Ct))?.Version);
    }

    /// <summary>A database as schema 9 left it (the subject index inside the log's table) loses that index; its
    /// entries are read by subject from the unindexed log until the index file has taken them in, then from it.</summary>
    [Fact]
    public async Task Schema10_MovesTheAccessLogSubjectIndexOutOfTheDatabase_EveryEntryStillReadBySubject()
    {
        CreateDatabaseAtSchema(9, "2026-12-06T00:00:00.0000000+00:00");
        var entries = Enumerable.Range(0, 40).Select(AccessLogLoad.Entry).ToList();
        foreach (var entry in entries)
        {
            QueryScalar($"""
                INSERT INTO access_log (at, actor, action, subject, record_id) VALUES
                    ({entry.At.UtcTicks}, '{entry.Actor}', '{entry.Action}', '{entry.SubjectIdNumber}',
                     {(entry.RecordId is null ? "NULL" : $"'{entry.RecordId}'")});
                """);
        }

        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_access_log_subject';"));
        var store = (SqliteGrainStateStore)await OpenAsync();

        Assert.Equal(0L, QueryScalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_access_log_subject';"));
        var subject = entries[3].SubjectIdNumber;
        var query = new AccessLogQuery(entries[0].At, entries[^1].At.AddDays(1), subject, null, null, 100);
        var expected = entries.Where(e => e.SubjectIdNumber == subject).OrderBy(e => e.At).ToList();
        Assert.Equal(expected, (await store.ReadAccessLogAsync(query, Ct)).Select(r => r.Entry));

        Assert.Equal(entries.Count, store.IndexAccessLogSubjects());
        Assert.Equal(entries.Count, store.AccessLogSubjectWatermark());
        Assert.Equal(expected, (await store.ReadAccessLogAsync(query, Ct)).Select(r => r.Entry));
    }

    /// <summary>A database as the build before schema 8 left it (text and Brotli states, compact ETags and times)
    /// is copied once into the table keyed by its primary key alone; every row reads back as it was, and its grain
    /// writes on with the ETag it holds.</summary>
    [Fact]
    public async Task Schema8_KeysStatesByThePrimaryKeyAlone_KeepingEveryRow()
    {
        CreateDatabaseAtSchema(7, "2026-12-01T00:00:00.0000000+00:00");

        var longJson = LongJson(30);
        var compressed = (byte[])SqliteStateCodec.Encode(longJson);
        QueryScalar($"""
            INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at) VALUES
                ('place', 'place/short', 2, x'0102030405060708', '{Json("short")}', 1764547200000),
                ('place', 'place/long', 7, x'1112131415161718', x'{Convert.ToHexString(compressed)}', 1764547200001),
                ('other', 'place/long', 1, x'2122232425262728', '{Json("other")}', 1764547200002);
            """);

        var store = await OpenAsync();

        Assert.Equal((long)SqliteSchema.Migrations.Count, QueryScalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Contains("WITHOUT ROWID", (string)QueryScalar(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'grain_state';")!, StringComparison.Ordinal);
        Assert.Equal(new StoredGrainState("0102030405060708", 2, Json("short")), await store.ReadAsync(Key("short"), Ct));
        Assert.Equal(new StoredGrainState("1112131415161718", 7, longJson), await store.ReadAsync(Key("long"), Ct));
        Assert.Equal(new StoredGrainState("2122232425262728", 1, Json("other")),
            await store.ReadAsync(Key("long", "other"), Ct));
        Assert.Equal(1764547200001L, QueryScalar("SELECT updated_at FROM grain_state WHERE state_name = 'place' AND grain_id = 'place/long';"));
        Assert.Equal(["place/long", "place/short"],
            (await store.ReadPrefixAsync("place", "place/", Ct)).Select(r => r.Key.GrainId));

        var next = await store.WriteAsync(Key("short"), "0102030405060708", Json("short 2"), Ct);
        Assert.Equal(new StoredGrainState(next, 3, Json("short 2")), await store.ReadAsync(Key("short"), Ct));
    }

    /// <summary>A database as schema 8 left it (long states in their rows, text and compressed) moves its long
    /// states out of the keyed table once; every row reads back as it was, and its grain writes on with its ETag.</summary>
    [Fact]
    public async Task Schema9_MovesLongStatesOutOfTheKeyedTable_KeepingEveryRow()
    {
        CreateDatabaseAtSchema(8, "2026-12-05T00:00:00.0000000+00:00");

        var longJson = LongJson(3_000);
        var compressed = (byte[])SqliteStateCodec.Encode(longJson);
        var longText = LongJson(12);
        Assert.True(compressed.Length > SqliteGrainStateStore.LargestInlineState);
        Assert.True(Encoding.UTF8.GetByteCount(longText) > SqliteGrainStateStore.LargestInlineState);
        QueryScalar($"""
            INSERT INTO grain_state (state_name, grain_id, version, etag, state_json, updated_at) VALUES
                ('place', 'place/short', 2, x'0102030405060708', '{Json("short")}', 1764547200000),
                ('place', 'place/long', 7, x'1112131415161718', x'{Convert.ToHexString(compressed)}', 1764547200001),
                ('place', 'place/text', 3, x'2122232425262728', '{longText.Replace("'", "''", StringComparison.Ordinal)}', 1764547200002);
            """);

        var store = await OpenAsync();

        Assert.Equal((long)SqliteSchema.Migrations.Count, QueryScalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(2L, QueryScalar("SELECT COUNT(*) FROM state_content;"));
        Assert.Equal(0L, QueryScalar("SELECT COUNT(*) FROM grain_state WHERE content_id IS NOT NULL AND length(state_json) > 0;"));
        Assert.Equal(["place/long", "place/text"], ReadColumn(
            "SELECT grain_id FROM grain_state WHERE content_id IS NOT NULL ORDER BY grain_id;"));
        Assert.Equal(new StoredGrainState("0102030405060708", 2, Json("short")), await store.ReadAsync(Key("short"), Ct));
        Assert.Equal(new StoredGrainState("1112131415161718", 7, longJson), await store.ReadAsync(Key("long"), Ct));
        Assert.Equal(new StoredGrainState("2122232425262728", 3, longText), await store.ReadAsync(Key("text"), Ct));
        Assert.Equal(1764547200001L, QueryScalar("SELECT updated_at FROM grain_state WHERE grain_id = 'place/long';"));

        var next = await store.WriteAsync(Key("long"), "1112131415161718", Json("long, now short"), Ct);
        Assert.Equal(new StoredGrainState(next, 8, Json("long, now short")), await store.ReadAsync(Key("long"), Ct));
        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM state_content;"));
    }

    /// <summary>
    /// Once a state name has a dictionary trained from its stored states, its later states are kept compressed against
    /// it (tag 2), much smaller than Brotli alone makes them; states written before (text, Brotli) and after read back
    /// exactly, also through a store opened later on the same file, which loads the dictionary from the database.
    /// </summary>
    [Fact]
    public async Task Dictionary_TrainedFromStoredStates_ShrinksLaterStates_AndEveryFormReadsBack()
    {
        var store = await OpenTrainingStoreAsync(trainAfterWrites: int.MaxValue);
        var before = new Dictionary<string, string>();
        for (var i = 0; i < 600; i++)
        {
            var json = PersonLikeJson(i);
            before[$"p{i}"] = json;
            await store.WriteAsync(Key($"p{i}", "person"), null, json, Ct);
        }

        await store.WriteAsync(Key("short", "person"), null, Json("s"), Ct);
        Assert.True(await store.TrainDictionaryAsync("person", Ct));

        var later = PersonLikeJson(10_000);
        await store.WriteAsync(Key("later", "person"), null, later, Ct);
        var stored = (byte[])QueryScalar(OfStoredValue("{0}", "place/later"))!;
        var brotli = SqliteStateCodec.Encode(later);

        Assert.Equal(2, stored[0]);
        Assert.True(stored.Length * 2 < (brotli is byte[] b ? b.Length : later.Length),
            $"{stored.Length} bytes with the dictionary, {(brotli as byte[])?.Length} with Brotli alone");
        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM compression_dictionary WHERE state_name = 'person';"));
        Assert.Equal(later, (await store.ReadAsync(Key("later", "person"), Ct))?.StateJson);
        Assert.Equal(before["p7"], (await store.ReadAsync(Key("p7", "person"), Ct))?.StateJson);
        Assert.Equal(Json("s"), (await store.ReadAsync(Key("short", "person"), Ct))?.StateJson);
        var all = await store.ReadPrefixAsync("person", "place/", Ct);
        Assert.Equal(602, all.Count);
        await CloseAsync(store);

        var reopened = await OpenTrainingStoreAsync(trainAfterWrites: int.MaxValue);
        Assert.Equal(later, (await reopened.ReadAsync(Key("later", "person"), Ct))?.StateJson);
        var rewritten = PersonLikeJson(10_001);
        var etag = (await reopened.ReadAsync(Key("p3", "person"), Ct))!.ETag;
        await reopened.WriteAsync(Key("p3", "person"), etag, rewritten, Ct);
        Assert.Equal(2L, QueryScalar(OfStoredValue("unicode(substr({0}, 1, 1))", "place/p3")));
        Assert.Equal(rewritten, (await reopened.ReadAsync(Key("p3", "person"), Ct))?.StateJson);
        await CloseAsync(reopened);
    }

    /// <summary>A store sharing the file with the one that trained a dictionary (another process) reads states
    /// compressed with it although it did not know the dictionary when it started.</summary>
    [Fact]
    public async Task Dictionary_TrainedByAnotherStoreOnTheFile_IsLoadedWhenAStateNamesIt()
    {
        var reader = await OpenTrainingStoreAsync(trainAfterWrites: int.MaxValue);
        var writer = new SqliteGrainStateStore(DatabasePath(Scope)) { TrainDictionaryAfterWrites = int.MaxValue };
        await writer.InitializeAsync(Ct);
        for (var i = 0; i < 600; i++)
        {
            await writer.WriteAsync(Key($"p{i}", "person"), null, PersonLikeJson(i), Ct);
        }

        Assert.True(await writer.TrainDictionaryAsync("person", Ct));
        var json = PersonLikeJson(20_000);
        await writer.WriteAsync(Key("new", "person"), null, json, Ct);
        writer.Dispose();

        Assert.Equal(json, (await reader.ReadAsync(Key("new", "person"), Ct))?.StateJson);
        await CloseAsync(reader);
    }

    /// <summary>A state name written often enough gets its dictionary without being asked; one with too few
    /// stored states gets none (and its states stay as they were).</summary>
    [Fact]
    public async Task Dictionary_IsTrainedAfterEnoughWrites_NotFromTooFewStates()
    {
        var store = await OpenTrainingStoreAsync(trainAfterWrites: 300);
        for (var i = 0; i < 300; i++)
        {
            await store.WriteAsync(Key($"p{i}", "person"), null, PersonLikeJson(i), Ct);
        }

        // Few states, rewritten often: 300 writes but only 10 states to learn from.
        for (var i = 0; i < 300; i++)
        {
            var key = Key($"r{i % 10}", "register");
            var etag = (await store.ReadAsync(key, Ct))?.ETag;
            await store.WriteAsync(key, etag, PersonLikeJson(i), Ct);
        }

        await store.WhenTrainingsDone();
        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM compression_dictionary WHERE state_name = 'person';"));
        Assert.Equal(0L, QueryScalar("SELECT COUNT(*) FROM compression_dictionary WHERE state_name = 'register';"));
        Assert.False(await store.TrainDictionaryAsync("register", Ct));

        var json = PersonLikeJson(5_000);
        await store.WriteAsync(Key("after", "person"), null, json, Ct);
        Assert.Equal(2L, QueryScalar(OfStoredValue("unicode(substr({0}, 1, 1))", "place/after")));
        Assert.Equal(json, (await store.ReadAsync(Key("after", "person"), Ct))?.StateJson);
        await CloseAsync(store);
    }

    [Fact]
    public async Task CompressionDictionary_RowsCannotBeChangedOrRemoved()
    {
        var store = await OpenTrainingStoreAsync(trainAfterWrites: int.MaxValue);
        for (var i = 0; i < 600; i++)
        {
            await store.WriteAsync(Key($"p{i}", "person"), null, PersonLikeJson(i), Ct);
        }

        Assert.True(await store.TrainDictionaryAsync("person", Ct));
        await CloseAsync(store);

        Assert.Throws<SqliteException>(() => QueryScalar("UPDATE compression_dictionary SET content = x'00';"));
        Assert.Throws<SqliteException>(() => QueryScalar("DELETE FROM compression_dictionary;"));
        Assert.Equal(1L, QueryScalar("SELECT COUNT(*) FROM compression_dictionary;"));
    }

    private async Task<SqliteGrainStateStore> OpenTrainingStoreAsync(int trainAfterWrites)
    {
        var store = new SqliteGrainStateStore(DatabasePath(Scope))
        {
            TrainDictionaryAfterWrites = trainAfterWrites,
            DictionaryMinimumSamples = 200,
        };
        await store.InitializeAsync(Ct);
        return store;
    }

    /// <summary>A small state of the shape a person's has: an ID number and a link or two, each one different.</summary>
    private static string PersonLikeJson(int n)
    {
        var random = new Random(n);
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            idNumber = $"{random.Next(110000, 659999)}{random.Next(1940, 2005)}{random.Next(1, 13):D2}" +
                       $"{random.Next(1, 29):D2}{random.Next(0, 9999):D4}",
            marriages = Enumerable.Range(0, 1 + (n % 2)).Select(_ => new
            {
                marriageId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                pending = random.Next(2) == 0,
            }),
            noRecordCertificates = Array.Empty<string>(),
            documents = Array.Empty<string>(),
            note = n % 7 == 0 ? "更正记录" : null,
        });
    }

    /// <summary>A record-like state with a growing list of events, non-ASCII text and escapes.</summary>
    private static string LongJson(int events) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            id = "record",
            note = "更正记录 \"quoted\" \u2028",
            events = Enumerable.Range(1, events).Select(i => new
            {
                sequence = i,
                kind = i % 3 == 0 ? "Corrected" : "Changed",
                recordedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 7),
                reason = $"变更 {i}",
            }),
        });

    /// <summary>A database as the build of schema <paramref name="version"/> left it (its migrations applied then).</summary>
    private void CreateDatabaseAtSchema(int version, string appliedAt)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath(Scope))!);
        QueryScalar(SqliteSchema.CreateVersionTable, SqliteOpenMode.ReadWriteCreate);
        for (var applied = 1; applied <= version; applied++)
        {
            QueryScalar(SqliteSchema.Migrations[applied - 1]);
            QueryScalar($"INSERT INTO schema_version VALUES ({applied}, '{appliedAt}');");
        }
    }

    /// <summary>A query of <paramref name="expression"/> (<c>{0}</c> the value) over the stored value of the state of
    /// <paramref name="grainId"/>, wherever it is kept: in its row, or in <c>state_content</c> when long.</summary>
    private static string OfStoredValue(string expression, string grainId) =>
        $"SELECT {string.Format(CultureInfo.InvariantCulture, expression, SqliteSchema.StateValue)} " +
        $"FROM {SqliteSchema.StatesWithContent} WHERE g.grain_id = '{grainId}';";

    /// <summary>Overwrites the stored value of the state of <paramref name="grainId"/> where it is kept (to damage it).</summary>
    private void SetStoredValue(string grainId, string literal)
    {
        QueryScalar($"UPDATE state_content SET content = {literal} " +
                    $"WHERE id = (SELECT content_id FROM grain_state WHERE grain_id = '{grainId}');");
        QueryScalar($"UPDATE grain_state SET state_json = {literal} WHERE grain_id = '{grainId}' AND content_id IS NULL;");
    }

    private List<string> ReadColumn(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath(Scope), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private object? QueryScalar(string sql, SqliteOpenMode mode = SqliteOpenMode.ReadWrite)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath(Scope),
            Mode = mode,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
