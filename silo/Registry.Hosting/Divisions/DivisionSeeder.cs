using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Registry.Grains;
using Registry.Grains.Divisions;
using Registry.Storage;

namespace Registry.Hosting.Divisions;

/// <summary>
/// Imports official editions of the division codes into the registry's division records, through the aggregate's own
/// edition rule (<see cref="DivisionTimeline.RecordEdition"/>) and the versioned record layout
/// (<see cref="DivisionState.Format"/>). On first start every shipped edition is imported at once (inserting only
/// records that do not exist, so nothing recorded since is overwritten); <see cref="ImportEditionAsync"/> imports one
/// edition into an existing registry (any order, idempotent). Runs while no silo serves the records (before the
/// silo takes calls, or from the import command).
/// </summary>
public sealed class DivisionSeeder(ISeedStore store, ILogger<DivisionSeeder> logger)
{
    private const int BatchSize = 5_000;

    /// <summary>The directory's layout the marker names: 1 since the directory keeps its own parts (2026-12-07);
    /// a marker without it was written when the directory read every record.</summary>
    private const int DirectoryVersion = 1;

    private readonly DivisionDirectoryImport directoryImport = new(store);

    /// <summary>Seeds every shipped edition where no division record exists yet. Returns how many were inserted.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await store.InitializeAsync(cancellationToken);
        var editions = ShippedEditions.All();
        var fingerprint = string.Join(",", editions.Select(e => e.CutOff.ToString("yyyy-MM-dd", null)));
        var marker = await store.ReadAsync(MarkerKey, cancellationToken);
        if (marker is not null)
        {
            // Later starts: the marker (written after the last batch) names the editions seeded; a newly shipped
            // edition is imported into the stored records like any other.
            var written = 0;
            var imported = false;
            foreach (var (cutOff, directory) in editions.Where(e =>
                         !marker.StateJson.Contains(e.CutOff.ToString("yyyy-MM-dd", null), StringComparison.Ordinal)))
            {
                written += await ImportEditionAsync(cutOff, directory, null, cancellationToken);
                imported = true;
            }

            // A registry seeded before the directory kept its own parts: its parts are built once, from the records.
            var built = !imported && DirectoryVersionOf(marker.StateJson) < DirectoryVersion;
            if (built)
            {
                var parts = await directoryImport.PutAsync(await ReadStoredAsync(null, cancellationToken),
                    cancellationToken);
                logger.LogInformation("Divisions: directory built from the stored records ({Parts} parts written)",
                    parts);
            }

            if (written > 0 || built || !marker.StateJson.Contains(fingerprint, StringComparison.Ordinal))
            {
                await WriteMarkerAsync(marker.ETag, fingerprint, cancellationToken);
            }

            logger.LogInformation("Divisions: editions {Editions} seeded ({Written} records written now) in {Ms} ms",
                fingerprint, written, watch.ElapsedMilliseconds);
            return written;
        }

        var states = new Dictionary<string, DivisionState>(StringComparer.Ordinal);
        foreach (var (cutOff, directory) in editions)
        {
            DivisionEdition.Read(cutOff, directory).ApplyTo(states);
        }

        logger.LogInformation("Divisions: {Count} codes built from {Editions} editions in {Ms} ms", states.Count,
            editions.Count, watch.ElapsedMilliseconds);
        var inserted = 0;
        var all = states.Values.ToList();
        for (var offset = 0; offset < all.Count; offset += BatchSize)
        {
            var batch = all.Skip(offset).Take(BatchSize)
                .Select(state => new SeedState(KeyOf(state.Code), Serialize(state)))
                .ToList();
            inserted += await store.InsertMissingAsync(batch, cancellationToken);
        }

        await directoryImport.PutAsync(all, cancellationToken);
        await WriteMarkerAsync(null, fingerprint, cancellationToken);
        logger.LogInformation("Divisions: {Count} codes from {Editions} editions checked, {Inserted} new, in {Ms} ms",
            all.Count, editions.Count, inserted, watch.ElapsedMilliseconds);
        return inserted;
    }

    /// <summary>
    /// Imports one edition as what was in force on <paramref name="cutOff"/>: reads every stored division record,
    /// records the edition on each (listed or not), stores those that changed and creates the new codes. Returns the
    /// number of records written; importing the same edition again writes none.
    /// </summary>
    public async Task<int> ImportEditionAsync(DateOnly cutOff, string directory, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var edition = DivisionEdition.Read(cutOff, directory);
        progress?.Report($"Edition {cutOff:yyyy-MM-dd}: {edition.Rows.Count} divisions read from {directory}");
        await store.InitializeAsync(cancellationToken);
        var states = new Dictionary<string, DivisionState>(StringComparer.Ordinal);
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var record in StoredDivisionsAsync(edition, cancellationToken))
        {
            var state = Deserialize(record);
            if (state.Code.Length == 0)
            {
                continue;
            }

            states[state.Code] = state;
            etags[state.Code] = record.State.ETag;
            if (states.Count % 20_000 == 0)
            {
                progress?.Report($"  {states.Count} stored divisions read");
            }
        }

        progress?.Report($"  {states.Count} stored divisions read; recording the edition");
        var changed = edition.ApplyTo(states);
        var fresh = changed.Where(code => !etags.ContainsKey(code)).ToList();
        var updated = changed.Where(etags.ContainsKey).Order(StringComparer.Ordinal).ToList();
        for (var offset = 0; offset < fresh.Count; offset += BatchSize)
        {
            var batch = fresh.Skip(offset).Take(BatchSize)
                .Select(code => new SeedState(KeyOf(code), Serialize(states[code])))
                .ToList();
            await store.InsertMissingAsync(batch, cancellationToken);
            progress?.Report($"  {Math.Min(offset + BatchSize, fresh.Count)}/{fresh.Count} new divisions stored");
        }

        var written = 0;
        foreach (var code in updated)
        {
            await store.WriteAsync(KeyOf(code), etags[code], Serialize(states[code]), cancellationToken);
            if (++written % 2_000 == 0 || written == updated.Count)
            {
                progress?.Report($"  {written}/{updated.Count} stored divisions updated");
            }
        }

        // Every division, not only those changed now: an import interrupted before this point left its records
        // written and the directory not, and importing it again changes no record.
        var parts = await directoryImport.PutAsync(states.Values, cancellationToken);
        progress?.Report($"  {parts} directory parts updated");
        logger.LogInformation("Edition {CutOff}: {New} new and {Updated} updated division records",
            cutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            fresh.Count, updated.Count);
        return fresh.Count + updated.Count;
    }

    /// <summary>Every stored division record's state (see <see cref="StoredDivisionsAsync"/>).</summary>
    private async Task<IReadOnlyList<DivisionState>> ReadStoredAsync(DivisionEdition? edition,
        CancellationToken cancellationToken)
    {
        var states = new List<DivisionState>();
        await foreach (var record in StoredDivisionsAsync(edition, cancellationToken))
        {
            states.Add(Deserialize(record));
        }

        return states;
    }

    /// <summary>
    /// Every stored division record: listed where the store can; else (Azure Table) read by the code of each one a
    /// shipped edition or <paramref name="edition"/> lists, or the directory holds (a division a registrar created
    /// under a code no edition lists puts its entry there).
    /// </summary>
    private async IAsyncEnumerable<StoredRecord> StoredDivisionsAsync(DivisionEdition? edition,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (store.CanList)
        {
            await foreach (var record in store.ReadAllAsync(StorageNames.Division,
                               cancellationToken: cancellationToken))
            {
                yield return record;
            }

            yield break;
        }

        var codes = ShippedEditions.All().SelectMany(e => DivisionEdition.Read(e.CutOff, e.Directory).Rows.Keys)
            .Concat(edition?.Rows.Keys ?? [])
            .Concat(await directoryImport.CodesAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        // Some fifty thousand reads by key: several at once, as the store's own insert-missing writes them.
        var found = new System.Collections.Concurrent.ConcurrentBag<StoredRecord>();
        await Parallel.ForEachAsync(codes,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (code, ct) =>
            {
                if (await store.ReadAsync(KeyOf(code), ct) is { } state)
                {
                    found.Add(new StoredRecord(KeyOf(code), state));
                }
            });
        foreach (var record in found.OrderBy(r => r.Key.GrainId, StringComparer.Ordinal))
        {
            yield return record;
        }
    }

    /// <summary>
    /// Notes the seeded editions. Several silos of a cluster seed the same store at once on its first start: when
    /// another wrote the marker first (an ETag conflict), its marker stands if it names these editions, and is
    /// replaced otherwise.
    /// </summary>
    private async Task WriteMarkerAsync(string? etag, string fingerprint, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new
        {
            editions = fingerprint, format = DivisionState.CurrentFormat, directory = DirectoryVersion,
        });
        while (true)
        {
            try
            {
                await store.WriteAsync(MarkerKey, etag, json, cancellationToken);
                return;
            }
            catch (Orleans.Storage.InconsistentStateException)
            {
                var current = await store.ReadAsync(MarkerKey, cancellationToken);
                if (current is not null && current.StateJson.Contains(fingerprint, StringComparison.Ordinal))
                {
                    return;
                }

                etag = current?.ETag;
            }
        }
    }

    /// <summary>Where the seeder notes which shipped editions it has seeded (not a grain's state).</summary>
    public static GrainStateKey MarkerKey { get; } = new("division-seed", "division-seed/shipped-editions");

    /// <summary>The storage key Orleans uses for the division grain with this code.</summary>
    public static GrainStateKey KeyOf(string code) =>
        new(StorageNames.Division, GrainId.Create(StorageNames.DivisionGrainType, code).ToString());

    private static string Serialize(DivisionState state) => JsonSerializer.Serialize(state, RegistryJson.StateOptions);

    private static DivisionState Deserialize(StoredRecord record) =>
        JsonSerializer.Deserialize<DivisionState>(record.State.Utf8Json.Span, RegistryJson.StateOptions)!;

    private static int DirectoryVersionOf(string markerJson)
    {
        using var marker = JsonDocument.Parse(markerJson);
        return marker.RootElement.TryGetProperty("directory", out var version) ? version.GetInt32() : 0;
    }
}
