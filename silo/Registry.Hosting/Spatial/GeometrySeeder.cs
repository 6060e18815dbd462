using System.Text.Json;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Grains;
using Registry.Grains.Boundaries;
using Registry.Grains.Indexing;
using Registry.Grains.Spatial;
using Registry.Storage;

namespace Registry.Hosting.Spatial;

/// <summary>
/// Stores the shipped province and prefecture geometry of China (ReferenceData/geometry, see its ATTRIBUTION.md) as
/// the division geometry "in force since before the records", where none is stored. On a database whose division
/// tiles are still empty it writes the records, their tiles' stored entries and the regions in one transaction before
/// the silo takes calls (as the grains would have stored them, so nothing is published after); otherwise (geometry imported before seeding was enabled) it goes through the grains once the silo
/// is active, so existing tiles learn of the new records. Invalid polygons, codes the registry does not record and
/// province-level codes repeated in the prefecture file are refused and reported, never stored. A marker state records
/// that the seed was applied, so later starts read no file. Idempotent; never overwrites stored geometry.
/// </summary>
public sealed class GeometrySeeder(ISeedStore store, TimeProvider time, ILogger<GeometrySeeder> logger)
{
    public const string Source = "cn-atlas 2023 (shengshixian.com), simplified map outlines";

    /// <summary>State name of the marker recording that a geometry seed was applied.</summary>
    public const string SeedMarkerState = "spatial-seed";

    private const string SeedMarkerId = "geometry/cn-atlas-2023";
    private const string CodeProperty = "区划码";
    private const string NameProperty = "地名";

    /// <summary>The seed files in the order they are applied, with the level each describes.</summary>
    public static IReadOnlyList<(string File, DivisionLevel Layer)> Files { get; } =
        [("provinces.geojson", DivisionLevel.Province), ("prefectures.geojson", DivisionLevel.Prefecture)];

    /// <summary>The folder shipped beside the silo's assemblies.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "ReferenceData", "geometry");

    /// <summary>
    /// Seeds before the silo takes calls. Returns null when the seed has to go through the grains instead
    /// (<see cref="SeedThroughGrainsAsync"/>).
    /// </summary>
    public async Task<GeometrySeedReport?> SeedAsync(string directory, CancellationToken cancellationToken = default)
    {
        await store.InitializeAsync(cancellationToken);
        if (await store.ReadAsync(MarkerKey, cancellationToken) is not null)
        {
            return new GeometrySeedReport(0, [], AlreadySeeded: true);
        }

        if (await AnyDivisionTileAsync(cancellationToken))
        {
            return null;
        }

        var (accepted, rejected) = await PlanAsync(directory, cancellationToken);
        var now = time.GetUtcNow();
        var reason = $"Seeded from {Source}";
        var states = new List<SeedState>();
        var pieces = new SortedDictionary<(string Tile, int Piece), IndexPieceState<StoredTilePart>>();
        foreach (var (code, level, geometry, note) in accepted)
        {
            var state = new DivisionGeometryState
            {
                Key = code,
                Level = level,
                Versions = [GeometryVersionState.Create(1, null, geometry, Source, now, AuditScope.SystemActor,
                    note is null ? reason : $"{reason}; {note}")],
                Revision = 1,
            };
            var entries = DivisionGeometryGrain.TileEntries(code, state);
            state.Tiles = entries.Keys.Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
            states.Add(Seed(StorageNames.DivisionGeometry, code, state));
            foreach (var (tile, tileEntries) in entries)
            {
                var piece = (tile.Key, SpatialTileGrain.PieceOf(code));
                if (!pieces.TryGetValue(piece, out var stored))
                {
                    pieces[piece] = stored = new IndexPieceState<StoredTilePart>();
                }

                stored.Entries[code] = new StoredTilePart(state.Revision, tileEntries);
            }
        }

        // The tiles' own stored entries, as the tiles would have written them had each record been published.
        states.AddRange(pieces.Select(p => Seed(StorageNames.SpatialTilePiece, $"{p.Key.Tile}.{p.Key.Piece}", p.Value)));
        states.AddRange(pieces.Keys.Select(p => p.Tile).Distinct().GroupBy(key => TileId.Parse(key).Region.Key)
            .Select(region => Seed(StorageNames.SpatialRegion, region.Key,
                new SpatialRegionState { OccupiedTiles = region.Order(StringComparer.Ordinal).ToList() })));
        states.Add(new SeedState(MarkerKey, JsonSerializer.Serialize(new { source = Source, stored = accepted.Count })));

        var inserted = await store.InsertMissingAsync(states, cancellationToken);
        var report = new GeometrySeedReport(accepted.Count, rejected, AlreadySeeded: false);
        Log(report, inserted);
        return report;
    }

    /// <summary>Seeds through the division geometry grains (each indexes itself), for a silo that is active.</summary>
    public async Task<GeometrySeedReport> SeedThroughGrainsAsync(string directory, IGrainFactory grains,
        CancellationToken cancellationToken = default)
    {
        var (accepted, rejected) = await PlanAsync(directory, cancellationToken);
        var stored = 0;
        foreach (var (code, _, geometry, note) in accepted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await grains.Get<IDivisionGeometryGrain>(code).SetAsync(new SetDivisionGeometry(
                    GeometryWkb.From(geometry), null,
                    note is null ? $"Seeded from {Source}" : $"Seeded from {Source}; {note}", null, null, Source));
                stored++;
            }
            catch (Abstractions.Errors.DomainException e)
            {
                rejected.Add(new GeometrySeedRejection("", code, null, e.Rule, e.Message));
            }
        }

        await store.InsertMissingAsync([new SeedState(MarkerKey, JsonSerializer.Serialize(new { source = Source, stored }))],
            cancellationToken);
        var report = new GeometrySeedReport(stored, rejected, AlreadySeeded: false);
        Log(report, stored);
        return report;
    }

    private static GrainStateKey MarkerKey => new(SeedMarkerState, SeedMarkerId);

    private readonly List<(string Code, string? Name, string Note)> repairs = [];

    private static SeedState Seed<T>(string grainType, string key, T state) =>
        new(new GrainStateKey(grainType, GrainId.Create(grainType, key).ToString()),
            JsonSerializer.Serialize(state, RegistryJson.StateOptions));

    private async Task<(List<(string Code, DivisionLevel Level, Geometry Geometry, string? Note)> Accepted,
        List<GeometrySeedRejection> Rejected)> PlanAsync(string directory, CancellationToken cancellationToken)
    {
        repairs.Clear();
        // Listed at once where the store can; else (Azure Table) each feature's code is asked by its key.
        var divisions = store.CanList ? await IdsAsync(StorageNames.Division, cancellationToken) : null;
        var stored = store.CanList ? await IdsAsync(StorageNames.DivisionGeometry, cancellationToken) : null;
        var accepted = new List<(string, DivisionLevel, Geometry, string?)>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var rejected = new List<GeometrySeedRejection>();
        foreach (var (file, layer) in Files)
        {
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(directory, file),
                cancellationToken));
            foreach (var feature in GeoJson.ReadFeatureCollection(document.RootElement))
            {
                var code = feature.Text(CodeProperty);
                var name = feature.Text(NameProperty);
                void Reject(string rule, string message) =>
                    rejected.Add(new GeometrySeedRejection(file, code, name, rule, message));

                if (code is null || !DivisionCode.IsWellFormed(code))
                {
                    Reject("division-code-format", $"'{code}' is not a division code.");
                    continue;
                }

                if (!await HoldsAsync(divisions, Divisions.DivisionSeeder.KeyOf(code), code, cancellationToken))
                {
                    Reject("division-unknown", $"The registry's code lists record no division {code}.");
                    continue;
                }

                var level = DivisionRef.LevelOfCode(code);
                if (DivisionLayerRules.CheckLevel(level, layer) is { } levelProblem)
                {
                    Reject(DivisionLayerRules.LevelRule, $"{code} is {levelProblem}.");
                    continue;
                }

                if (!taken.Add(code))
                {
                    Reject("duplicate-feature", $"{code} appears more than once.");
                    continue;
                }

                Geometry geometry;
                try
                {
                    geometry = GeometryRules.Normalize(GeoJson.ReadGeometry(feature.Geometry ?? default));
                }
                catch (FormatException e)
                {
                    Reject("geometry-malformed", e.Message);
                    continue;
                }

                string? note = null;
                if (GeometryRules.Check(geometry, GeometryKind.Area) is { } problem)
                {
                    // Invalid source polygons (self-intersections) are repaired rather than left out, so every
                    // division of the seed has an area; the version's reason says so and by how much the area moved.
                    var repaired = GeometryRules.Normalize(
                        NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(geometry));
                    if (GeometryRules.Check(repaired, GeometryKind.Area) is not null)
                    {
                        Reject(problem.Rule, problem.Message);
                        continue;
                    }

                    var change = geometry.Area > 0 ? (repaired.Area - geometry.Area) / geometry.Area : 0;
                    note = FormattableString.Invariant(
                        $"repaired with GeometryFixer ({problem.Message}); area change {change:+0.0000%;-0.0000%;0%}");
                    repairs.Add((code, name, note));
                    geometry = repaired;
                }

                if (!await HoldsAsync(stored, GeometryKeyOf(code), code, cancellationToken))
                {
                    accepted.Add((code, level, GeometryRules.Canonical(geometry), note));
                }
            }
        }

        return (accepted, rejected);
    }

    private async Task<HashSet<string>> IdsAsync(string stateName, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in store.ListKeysAsync(stateName, cancellationToken))
        {
            ids.Add(key.GrainId[(key.GrainId.IndexOf('/') + 1)..]);
        }

        return ids;
    }

    /// <summary>Whether <paramref name="code"/> is stored: in <paramref name="listed"/> when the store listed its
    /// state name, else by reading <paramref name="key"/>.</summary>
    private async Task<bool> HoldsAsync(HashSet<string>? listed, GrainStateKey key, string code,
        CancellationToken cancellationToken) =>
        listed?.Contains(code) ?? await store.ReadAsync(key, cancellationToken) is not null;

    private static GrainStateKey GeometryKeyOf(string code) =>
        new(StorageNames.DivisionGeometry, GrainId.Create(StorageNames.DivisionGeometry, code).ToString());

    private async Task<bool> AnyDivisionTileAsync(CancellationToken cancellationToken)
    {
        // A store that cannot list (Azure Table) cannot tell whether geometry was set through the grains before: its
        // seed goes through the grains (each geometry indexes itself, and one already stored is left as it is).
        if (!store.CanList)
        {
            return true;
        }

        // Tiles of either layout: the stored pieces, or the member lists an earlier build kept.
        foreach (var stateName in new[] { StorageNames.SpatialTilePiece, StorageNames.SpatialTile })
        {
            var prefix = GrainId.Create(stateName, SpatialTiling.LayerName(SpatialLayer.Divisions) + "/").ToString();
            await foreach (var key in store.ListKeysAsync(stateName, cancellationToken))
            {
                if (key.GrainId.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Log(GeometrySeedReport report, int inserted)
    {
        foreach (var (code, name, note) in repairs)
        {
            logger.LogWarning("Division geometry seed: {Code} {Name} {Note}", code, name, note);
        }

        foreach (var r in report.Rejected)
        {
            logger.LogWarning("Division geometry seed: {File} {Code} {Name} not stored ({Rule}): {Message}", r.File,
                r.Code, r.Name, r.Rule, r.Message);
        }

        logger.LogInformation("Division geometry seed: {Stored} divisions stored ({Inserted} states written), " +
            "{Rejected} features refused", report.Stored, inserted, report.Rejected.Count);
    }
}
