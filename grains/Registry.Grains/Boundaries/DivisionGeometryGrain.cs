using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Text;
using Registry.Abstractions.Time;
using Registry.Grains.Publishing;
using Registry.Grains.Spatial;
using Registry.Grains.Storage;

namespace Registry.Grains.Boundaries;

/// <summary>A division's geometry versions; see <see cref="IDivisionGeometryGrain"/>.</summary>
[GrainType(StorageNames.DivisionGeometry)]
public sealed class DivisionGeometryGrain(
    [PersistentState(StorageNames.DivisionGeometry, StorageNames.Provider)]
    IPersistentState<DivisionGeometryState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<DivisionGeometryGrain> logger) : Grain, IDivisionGeometryGrain
{
    private readonly RecordIndex index = new(logger);

    private DivisionGeometryState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        index.Committed(State, EntriesOf(Key, State));
        return Task.CompletedTask;
    }

    public async Task<DivisionGeometryDetails> GetAsync(DateOnly asOf)
    {
        var found = DivisionGeometryTimeline.VersionAsOf(State.Versions, asOf);
        if (found is not { } version)
        {
            throw DomainException.NotFound("division-geometry-not-found", State.Versions.Count == 0
                ? $"No geometry is recorded for {Key}."
                : $"No geometry of {Key} is in force on {asOf:yyyy-MM-dd}.");
        }

        var (name, level, status) = await NameAndLevelAsync(asOf);
        if (status is not (DivisionStatus.InForce or DivisionStatus.Unknown))
        {
            // A geometry ends when its division ends (merged, abolished, code changed) and begins no earlier than it:
            // every read of a division's area on a date (spatial answers, OGC, boundary lines) comes through here.
            throw DomainException.NotFound("division-geometry-not-found",
                $"Division {Key} ({name}) is not in force on {asOf:yyyy-MM-dd} " +
                $"({DivisionLookup.Describe(status)}), so it has no geometry then.");
        }

        return new DivisionGeometryDetails(Key, State.IsReference, name, level, asOf,
            DivisionGeometryTimeline.Describe(State.Versions, version), new GeometryWkb(State.Versions[version].Wkb));
    }

    public Task<IReadOnlyList<DivisionGeometryVersion>> GetVersionsAsync() =>
        Task.FromResult<IReadOnlyList<DivisionGeometryVersion>>(State.Versions
            .Select((_, i) => DivisionGeometryTimeline.Describe(State.Versions, i)).ToList());

    public Task<bool> ExistsAsync() => Task.FromResult(State.Versions.Count > 0);

    public async Task<DivisionGeometryChange> SetAsync(SetDivisionGeometry command)
    {
        if (!DivisionRef.IsWellFormed(Key))
        {
            throw DomainException.Invalid("division-ref-format", "code",
                "A division is a registry code (6 or 9 digits) or a reference area written scheme:id.");
        }

        BoundaryRules.EnsureReason(command.Reason);
        BoundaryRules.EnsureOptionalText("source", command.Source);
        var input = SpatialInput.Read(command.Geometry, "geometry");
        GeometryRules.Ensure(input, GeometryKind.Area, "geometry");
        var geometry = GeometryRules.Canonical(input);

        var isReference = DivisionRef.IsReference(Key);
        DivisionLevel level;
        if (isReference)
        {
            BoundaryRules.EnsureText("name", command.Name, "reference-area-name-required",
                "A reference area records its own name.");
            if (command.Name!.Trim().Length > BoundaryRules.MaxNameLength)
            {
                throw DomainException.Invalid("text-invalid", "name",
                    $"A name has at most {BoundaryRules.MaxNameLength} characters.");
            }

            level = command.Level ?? throw DomainException.Invalid("reference-area-level-required", "level",
                "A reference area records its level (province, prefecture, county or township).");
            if (!Enum.IsDefined(level))
            {
                // JSON accepts numbers (and imports could pass an OR of names): level 7 would be stored.
                throw DomainException.Invalid("division-level", "level",
                    "A reference area's level is province, prefecture, county or township.");
            }
        }
        else
        {
            level = await RegistryLevelAsync(command.EffectiveDate);
        }

        var wkb = Wgs84.ToWkb(geometry);
        var name = isReference ? command.Name!.Trim() : null;
        var change = DivisionGeometryTimeline.Decide(State, command.EffectiveDate, wkb, name, level);
        if (change == RecordChange.Unchanged)
        {
            return new DivisionGeometryChange(RecordChange.Unchanged, State.Versions.Count,
                State.Versions[^1].From);
        }

        var version = GeometryVersionState.Create(
            change == RecordChange.Corrected ? State.Versions[^1].Number : State.Versions.Count + 1,
            command.EffectiveDate, geometry, command.Source?.Trim(), clock.Now, AuditScope.Office,
            command.Reason.Trim(), change == RecordChange.Corrected ? State.Versions[^1].Corrections + 1 : 0);
        version.Account = AuditScope.Actor;

        State.Key = Key;
        State.IsReference = isReference;
        State.Name = name;
        State.Level = level;
        if (change == RecordChange.Corrected)
        {
            State.Versions[^1] = version;
        }
        else
        {
            State.Versions.Add(version);
        }

        await index.StoreAsync(this, grains, state, Key, s => EntriesOf(Key, s), publication.Inline);
        return new DivisionGeometryChange(change, version.Number, version.From);
    }

    public Task<IndexedRecordPart?> GetTileEntriesAsync(TileId tile, long knownRevision) =>
        Task.FromResult(index.PartFor(tile, knownRevision));

    /// <summary>The geometry's entries to its tiles (the outbox relay's call, after a write).</summary>
    public Task PublishAsync() => index.PublishAsync(grains, Key);

    /// <summary>The entries of a division's stored geometry in each tile: what its tiles hold of it (the geometry
    /// seeder stores them with the records it seeds).</summary>
    public static Dictionary<TileId, List<TileEntry>> TileEntries(string key, DivisionGeometryState state) =>
        EntriesOf(key, state)();

    /// <summary>How to compute the entries of the state as it is now (versions are never changed in place).</summary>
    private static Func<Dictionary<TileId, List<TileEntry>>> EntriesOf(string key, DivisionGeometryState state)
    {
        var versions = state.Versions.ToList();
        var level = state.Level;
        var label = state.IsReference ? state.Name : null;
        return () => SpatialIndexing.EntriesByTile(SpatialLayer.Divisions, versions.Select((v, i) =>
            (Wgs84.FromWkb(v.Wkb), new TileEntry(key, v.Number, [], v.From,
                i + 1 < versions.Count ? versions[i + 1].From : null, level, label))));
    }

    private async Task<DivisionLevel> RegistryLevelAsync(DateOnly? effectiveDate)
    {
        DivisionSummary summary;
        try
        {
            summary = await grains.Get<IDivisionGrain>(Key).GetSummaryAsync(effectiveDate ?? clock.Today);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.NotFound("division-not-found", $"No division with code {Key} is recorded.");
        }

        if (effectiveDate is { } date && summary.Status != DivisionStatus.InForce)
        {
            throw DomainException.Violation("division-not-in-force",
                $"Division {Key} is not in force on {date:yyyy-MM-dd} ({ApiTerms.Value(summary.Status)}).");
        }

        return summary.Level;
    }

    /// <summary>The name, level and status on a date; a reference area is always "in force" (it has no registry
    /// history, its geometry versions are its only validity).</summary>
    private async Task<(string Name, DivisionLevel Level, DivisionStatus Status)> NameAndLevelAsync(DateOnly asOf)
    {
        if (State.IsReference)
        {
            return (State.Name ?? Key, State.Level, DivisionStatus.InForce);
        }

        var summary = await grains.Get<IDivisionGrain>(Key).GetSummaryAsync(asOf);
        return (summary.Name, summary.Level, summary.Status);
    }
}
