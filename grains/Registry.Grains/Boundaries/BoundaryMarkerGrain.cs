using System.Globalization;
using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Text;
using Registry.Abstractions.Time;
using Registry.Grains.Publishing;
using Registry.Grains.Spatial;
using Registry.Grains.Storage;

namespace Registry.Grains.Boundaries;

/// <summary>One boundary marker; see <see cref="IBoundaryMarkerGrain"/>.</summary>
[GrainType(StorageNames.BoundaryMarker)]
public sealed class BoundaryMarkerGrain(
    [PersistentState(StorageNames.BoundaryMarker, StorageNames.Provider)] IPersistentState<BoundaryMarkerState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<BoundaryMarkerGrain> logger) : Grain, IBoundaryMarkerGrain
{
    private readonly RecordIndex index = new(logger);

    private BoundaryMarkerState State => state.State;

    private string Number => this.GetPrimaryKeyString();

    private bool Exists => State.Number.Length > 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        index.Committed(State, EntriesOf(State));
        return Task.CompletedTask;
    }

    public Task<MarkerDetails> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Details());
    }

    public async Task<RecordChange> RegisterAsync(RegisterMarker command)
    {
        if (MarkerNumber.Parse(Number) is not { } parsed)
        {
            throw DomainException.Invalid("marker-number-format", "number",
                "A marker number is the line number, a 3-digit serial from 001 and a type code (Q, A, B, C, D or E), " +
                "e.g. 1113001Q.");
        }

        // An undefined value (JSON and imports accept numbers) would pass as a triple and be stored as such.
        if (!Enum.IsDefined(command.Type))
        {
            throw DomainException.Invalid("marker-type", "type", "The type is single, pair or triple.");
        }

        if (!MarkerNumber.CodesOf(command.Type).Contains(parsed.TypeCode))
        {
            throw DomainException.Invalid("marker-type-code", "type",
                $"A {ApiTerms.Value(command.Type)} marker's number ends in " +
                $"{string.Join(" or ", MarkerNumber.CodesOf(command.Type).ToCharArray())}; " +
                $"{Number} ends in {parsed.TypeCode}.");
        }

        if (GeometryRules.CheckPosition(command.Lon, command.Lat) is { } position)
        {
            throw DomainException.Invalid(position.Rule, "location", position.Message);
        }

        BoundaryRules.EnsureReason(command.Reason);
        BoundaryRules.EnsureOptionalText("material", command.Material);
        BoundaryRules.EnsureOptionalText("source", command.Source);
        BoundaryRules.EnsureList("landmarks", command.Landmarks);
        BoundaryRules.EnsureList("photos", command.Photos);

        if (Exists)
        {
            if (State.Type == command.Type && State.Lon == command.Lon && State.Lat == command.Lat &&
                State.Material == command.Material?.Trim() && State.Landmarks.SequenceEqual(Trimmed(command.Landmarks)) &&
                State.Photos.SequenceEqual(Trimmed(command.Photos)))
            {
                await EnsureLinkedAsync();
                return RecordChange.Unchanged;
            }

            throw DomainException.Conflict("marker-exists",
                State.Lon != command.Lon || State.Lat != command.Lat
                    ? $"Marker {Number} is registered at another position; a marker is never moved."
                    : $"Marker {Number} is already registered differently; update its details instead.");
        }

        var line = grains.Get<IBoundaryLineGrain>(parsed.LineNumber);
        BoundaryLineDetails lineDetails;
        try
        {
            lineDetails = await line.GetAsync();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Violation("boundary-line-unknown",
                $"Marker {Number} belongs to line {parsed.LineNumber}, which is not recorded.");
        }

        var distance = Geodesy.DistanceToLinesMetres(command.Lon, command.Lat, lineDetails.Geometry.ToGeometry());
        if (distance > BoundaryRules.MaxMarkerDistanceFromLineMetres)
        {
            throw DomainException.Violation("marker-far-from-line",
                $"The position is {distance.ToString("0", CultureInfo.InvariantCulture)} m from line " +
                $"{parsed.LineNumber}; a marker stands within {BoundaryRules.MaxMarkerDistanceFromLineMetres} m of it.");
        }

        // The line arbitrates numbering (one type per serial) before this marker stores anything.
        await line.AttachMarkerAsync(Number);

        State.Number = Number;
        State.LineNumber = parsed.LineNumber;
        State.Serial = parsed.Serial;
        State.TypeCode = parsed.TypeCode.ToString();
        State.Type = command.Type;
        State.Lon = command.Lon;
        State.Lat = command.Lat;
        State.DistanceFromLineMetres = distance;
        State.Material = command.Material?.Trim();
        State.Landmarks = Trimmed(command.Landmarks);
        State.Photos = Trimmed(command.Photos);
        State.Condition = MarkerCondition.Intact;
        State.Source = command.Source?.Trim();
        State.RecordedAt = clock.Now;
        State.RecordedBy = AuditScope.Actor;
        Record("register-marker", command.Reason, "marker");

        await index.StoreAsync(this, grains, state, Number, EntriesOf, publication.Inline);
        return RecordChange.Created;
    }

    public async Task<RecordChange> UpdateDetailsAsync(UpdateMarkerDetails command)
    {
        EnsureExists();
        BoundaryRules.EnsureReason(command.Reason);
        BoundaryRules.EnsureMarkerNotMoved(Number, State.Lon, State.Lat, command.Lon, command.Lat);
        BoundaryRules.EnsureOptionalText("material", command.Material);
        BoundaryRules.EnsureList("landmarks", command.Landmarks);
        BoundaryRules.EnsureList("photos", command.Photos);
        var material = command.Material?.Trim() ?? State.Material;
        var landmarks = command.Landmarks is null ? State.Landmarks : Trimmed(command.Landmarks);
        var photos = command.Photos is null ? State.Photos : Trimmed(command.Photos);
        if (material == State.Material && landmarks.SequenceEqual(State.Landmarks) && photos.SequenceEqual(State.Photos))
        {
            return RecordChange.Unchanged;
        }

        var changed = string.Join(", ", new[]
        {
            (material != State.Material, "material"),
            (!landmarks.SequenceEqual(State.Landmarks), "landmarks"),
            (!photos.SequenceEqual(State.Photos), "photos"),
        }.Where(c => c.Item1).Select(c => c.Item2));
        State.Material = material;
        State.Landmarks = landmarks;
        State.Photos = photos;
        Record("update-marker", command.Reason, changed);
        await state.WriteOrReloadAsync();
        return RecordChange.Corrected;
    }

    public async Task RecordConditionAsync(MarkerCondition condition, string source, DateOnly since,
        string operationId)
    {
        EnsureExists();
        if (State.AppliedOperations.Contains(operationId))
        {
            return;
        }

        State.Condition = condition;
        State.ConditionSource = source;
        State.ConditionSince = since;
        State.AppliedOperations.Add(operationId);
        Record("record-condition", null, $"condition {ApiTerms.Value(condition)} since {since:yyyy-MM-dd} ({source})");
        await state.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<BoundaryChange>> GetHistoryAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<BoundaryChange>>(State.History.ToList());
    }

    /// <summary>Appends the change about to be stored to the marker's history; a failed write reloads the state, and
    /// the entry with it.</summary>
    private void Record(string operation, string? reason, string changed) =>
        State.History.Add(new BoundaryChange(State.History.Count + 1, operation, AuditScope.Actor, clock.Now,
            reason?.Trim(), changed));

    public Task<IndexedRecordPart?> GetTileEntriesAsync(TileId tile, long knownRevision) =>
        Task.FromResult(index.PartFor(tile, knownRevision));

    /// <summary>The marker's entry to its tile (the outbox relay's call, after a write).</summary>
    public Task PublishAsync() => index.PublishAsync(grains, Number);

    private static Func<Dictionary<TileId, List<TileEntry>>> EntriesOf(BoundaryMarkerState state)
    {
        var (number, lon, lat) = (state.Number, state.Lon, state.Lat);
        return () => number.Length == 0
            ? []
            : SpatialIndexing.EntriesByTile(SpatialLayer.Markers,
                [(Wgs84.Point(lon, lat), new TileEntry(number, 0, [], null, null, null, number))]);
    }

    /// <summary>A registration repeated after a failure between the line's attach and this write re-links.</summary>
    private Task EnsureLinkedAsync() => grains.Get<IBoundaryLineGrain>(State.LineNumber).AttachMarkerAsync(Number);

    private MarkerDetails Details() => new(State.Number, State.LineNumber, State.Serial, State.TypeCode, State.Type,
        State.Lon, State.Lat, State.DistanceFromLineMetres, State.Material, State.Landmarks.ToList(),
        State.Photos.ToList(), State.Condition, State.ConditionSource, State.ConditionSince, State.Source,
        State.RecordedAt, State.RecordedBy);

    private static List<string> Trimmed(IReadOnlyList<string>? items) => items?.Select(i => i.Trim()).ToList() ?? [];

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw DomainException.NotFound("marker-not-found", $"No boundary marker {Number} is registered.");
        }
    }
}
