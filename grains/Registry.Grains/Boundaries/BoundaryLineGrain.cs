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
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Boundaries;

/// <summary>One boundary line; see <see cref="IBoundaryLineGrain"/>.</summary>
[GrainType(StorageNames.BoundaryLine)]
public sealed class BoundaryLineGrain(
    [PersistentState(StorageNames.BoundaryLine, StorageNames.Provider)] IPersistentState<BoundaryLineState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<BoundaryLineGrain> logger) : Grain, IBoundaryLineGrain
{
    /// <summary>The earliest year an inspection can be recorded for (before the 1989 survey of boundaries began,
    /// no joint inspection took place).</summary>
    public const int FirstInspectionYear = 1989;

    private static readonly TimeSpan MarkerLimit = TimeSpan.FromSeconds(2);

    private readonly RecordIndex index = new(logger);
    private readonly StatisticsFeed statistics = new(grains, logger);

    private BoundaryLineState State => state.State;

    private string Number => this.GetPrimaryKeyString();

    private bool Exists => State.Number.Length > 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        index.Committed(State, EntriesOf(State));
        return Task.CompletedTask;
    }

    public Task<BoundaryLineDetails> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(new BoundaryLineDetails(State.Number, State.DivisionA, State.DivisionB,
            new GeometryWkb(State.Wkb), State.LengthMetres, State.Agreement, State.AgreementDate, State.Source,
            State.Markers.ToList(), State.Inspections.ToList(), State.RecordedAt, State.RecordedBy, State.Revision));
    }

    public Task<bool> ExistsAsync() => Task.FromResult(Exists);

    public async Task<RecordChange> RecordAsync(RecordBoundaryLine command)
    {
        var (first, second) = BoundaryLineNumber.Order(command.DivisionA, command.DivisionB);
        if (BoundaryLineNumber.For(first, second) != Number)
        {
            throw DomainException.Invalid("boundary-line-number", "number",
                $"The line between {first} and {second} is numbered {BoundaryLineNumber.For(first, second)}, not {Number}.");
        }

        BoundaryRules.EnsureText("agreement", command.Agreement, "agreement-required",
            "A boundary line is fixed by an agreement; name it (e.g. its document number).");
        BoundaryRules.EnsureReason(command.Reason);
        BoundaryRules.EnsureOptionalText("source", command.Source);
        var input = SpatialInput.Read(command.Geometry, "geometry");
        GeometryRules.Ensure(input, GeometryKind.Line, "geometry");
        var geometry = GeometryRules.Canonical(input);
        BoundaryLineRules.EnsureSimple(geometry);
        var wkb = Wgs84.ToWkb(geometry);

        if (Exists)
        {
            if (State.DivisionA == first && State.DivisionB == second && State.Wkb.AsSpan().SequenceEqual(wkb) &&
                State.Agreement == command.Agreement.Trim() && State.AgreementDate == command.AgreementDate)
            {
                // A repeated record also repeats the report update a crash may have cut off after the write.
                await PublishToReportAsync();
                return RecordChange.Unchanged;
            }

            throw DomainException.Conflict("boundary-line-exists",
                $"Line {Number} is already recorded differently; update it (with a reason) instead.");
        }

        // Both sides must be divisions in force on the agreement's date (today when it has none).
        var on = command.AgreementDate ?? clock.Today;
        await EnsureDivisionExistsAsync(first, on);
        await EnsureDivisionExistsAsync(second, on);
        await EnsureFollowsCommonBoundaryAsync(first, second, geometry, on);

        State.Number = Number;
        State.DivisionA = first;
        State.DivisionB = second;
        State.Wkb = wkb;
        State.LengthMetres = Geodesy.LengthMetres(geometry);
        State.Agreement = command.Agreement.Trim();
        State.AgreementDate = command.AgreementDate;
        State.Source = command.Source?.Trim();
        State.RecordedAt = clock.Now;
        State.RecordedBy = AuditScope.Office;
        Record("record-line", command.Reason, "line");
        await StoreAndIndexAsync();
        await PublishToReportAsync();
        return RecordChange.Created;
    }

    public async Task<RecordChange> UpdateAsync(UpdateBoundaryLine command)
    {
        EnsureExists();
        BoundaryRules.EnsureReason(command.Reason);
        if (command.Agreement is not null)
        {
            BoundaryRules.EnsureText("agreement", command.Agreement, "agreement-required",
                "The agreement cannot be blank.");
        }

        byte[]? wkb = null;
        NetTopologySuite.Geometries.Geometry? geometry = null;
        if (command.Geometry is not null)
        {
            var input = SpatialInput.Read(command.Geometry, "geometry");
            GeometryRules.Ensure(input, GeometryKind.Line, "geometry");
            geometry = GeometryRules.Canonical(input);
            BoundaryLineRules.EnsureSimple(geometry);
            wkb = Wgs84.ToWkb(geometry);
        }

        var geometryChanged = wkb is not null && !State.Wkb.AsSpan().SequenceEqual(wkb);
        var agreementChanged = command.Agreement is not null && command.Agreement.Trim() != State.Agreement;
        var dateChanged = command.AgreementDate is not null && command.AgreementDate != State.AgreementDate;
        if (!geometryChanged && !agreementChanged && !dateChanged)
        {
            return RecordChange.Unchanged;
        }

        if (geometryChanged)
        {
            await EnsureFollowsCommonBoundaryAsync(State.DivisionA, State.DivisionB, geometry!,
                command.AgreementDate ?? State.AgreementDate ?? clock.Today);
            State.Wkb = wkb!;
            State.LengthMetres = Geodesy.LengthMetres(geometry!);
        }

        State.Agreement = command.Agreement?.Trim() ?? State.Agreement;
        State.AgreementDate = command.AgreementDate ?? State.AgreementDate;
        Record("update-line", command.Reason, string.Join(", ",
            new[] { (geometryChanged, "geometry"), (agreementChanged, "agreement"), (dateChanged, "agreement date") }
                .Where(c => c.Item1).Select(c => c.Item2)));
        if (geometryChanged)
        {
            await StoreAndIndexAsync();
        }
        else
        {
            await state.WriteOrReloadAsync();
        }

        return RecordChange.Corrected;
    }

    public async Task AttachMarkerAsync(string markerNumber)
    {
        EnsureExists();
        if (MarkerNumber.Parse(markerNumber) is not { } parsed || parsed.LineNumber != Number)
        {
            throw DomainException.Invalid("marker-number-format", "number",
                $"Marker {markerNumber} does not belong to line {Number}.");
        }

        if (State.Markers.Contains(markerNumber))
        {
            return;
        }

        var type = MarkerNumber.TypeOfCode(parsed.TypeCode);
        foreach (var other in State.Markers)
        {
            if (MarkerNumber.Parse(other) is { } existing && existing.Serial == parsed.Serial &&
                MarkerNumber.TypeOfCode(existing.TypeCode) != type)
            {
                throw DomainException.Violation("marker-type-mismatch",
                    $"Serial {parsed.Serial:000} of line {Number} is already used by {other}, a " +
                    $"{ApiTerms.Value(MarkerNumber.TypeOfCode(existing.TypeCode))} marker; a " +
                    $"{ApiTerms.Value(type)} marker cannot share it.");
            }
        }

        State.Markers.Add(markerNumber);
        State.Markers.Sort(StringComparer.Ordinal);
        Record("attach-marker", null, markerNumber);
        await state.WriteOrReloadAsync();
        await PublishStatisticsAsync();
    }

    public async Task<string> OpenInspectionAsync(int year, string reason, DateOnly? openedOn = null)
    {
        EnsureExists();
        BoundaryRules.EnsureReason(reason);
        var today = clock.Today;
        if (year < FirstInspectionYear || year > today.Year)
        {
            throw DomainException.Invalid("inspection-year", "year",
                $"An inspection year lies between {FirstInspectionYear} and the current year {today.Year}.");
        }

        var opened = openedOn ?? today;
        InspectionRules.EnsureOpeningDate(year, opened, today);

        if (State.Inspections.FirstOrDefault(i => i.Status == InspectionStatus.Open) is { } open)
        {
            throw DomainException.Conflict("inspection-already-open",
                $"Inspection {open.Id} of line {Number} is still open; complete it first.");
        }

        var sequence = State.Inspections.Count(i => i.Year == year) + 1;
        var id = $"{Number}-{year}-{sequence}";
        var markers = new List<InspectedMarker>();
        foreach (var number in State.Markers)
        {
            try
            {
                // A marker still registering waits on this line (to attach), so it cannot answer now: it is not
                // registered yet and is left out, like a number whose registration failed after attaching.
                var marker = await grains.Get<IBoundaryMarkerGrain>(number).GetAsync().WaitAsync(MarkerLimit);
                markers.Add(new InspectedMarker(marker.Number, marker.Lon, marker.Lat));
            }
            catch (Exception e) when (e is TimeoutException ||
                                      e is DomainException { Kind: DomainErrorKind.NotFound })
            {
            }
        }

        await grains.Get<IJointInspectionGrain>(id).OpenAsync(new InspectionOpening(Number, year, sequence,
            [State.DivisionA, State.DivisionB], markers, opened, reason.Trim()));
        State.Inspections.Add(new InspectionSummary(id, year, InspectionStatus.Open, opened, null));
        Record("open-inspection", reason.Trim(), id);
        await state.WriteOrReloadAsync();
        return id;
    }

    public async Task RecordInspectionCompletedAsync(string inspectionId, DateOnly completedOn)
    {
        EnsureExists();
        var i = State.Inspections.FindIndex(s => s.Id == inspectionId);
        if (i < 0)
        {
            throw DomainException.NotFound("inspection-not-found", $"Line {Number} has no inspection {inspectionId}.");
        }

        if (State.Inspections[i].Status == InspectionStatus.Completed)
        {
            // The inspection repeats this step until it returns: the report update goes out again with it.
            await PublishToReportAsync();
            return;
        }

        State.Inspections[i] = State.Inspections[i] with
        {
            Status = InspectionStatus.Completed,
            CompletedOn = completedOn,
        };
        Record("inspection-completed", null, inspectionId);
        await state.WriteOrReloadAsync();
        await PublishToReportAsync();
    }

    public Task<IReadOnlyList<BoundaryChange>> GetHistoryAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<BoundaryChange>>(State.History.ToList());
    }

    public Task<IndexedRecordPart?> GetTileEntriesAsync(TileId tile, long knownRevision) =>
        Task.FromResult(index.PartFor(tile, knownRevision));

    /// <summary>Gives the boundary report's read model this line's current entry (after the write that made it), and
    /// the statistics theirs.</summary>
    private async Task PublishToReportAsync()
    {
        if (publication.Inline)
        {
            await ApplyToReportAsync();
            await PublishStatisticsAsync();
        }
    }

    private Task PublishStatisticsAsync() => publication.Inline
        ? statistics.PublishAsync($"line:{State.Number}", BoundaryStatistics.OfLine(State, clock.Zone))
        : Task.CompletedTask;

    /// <summary>The line's entries to its tiles, its report entry and its figures, as stored.</summary>
    public async Task PublishAsync()
    {
        if (Exists)
        {
            await index.PublishAsync(grains, Number);
            await ApplyToReportAsync();
            await statistics.SendAsync($"line:{State.Number}", BoundaryStatistics.OfLine(State, clock.Zone));
        }
    }

    private Task ApplyToReportAsync()
    {
        var last = State.Inspections.Where(i => i.CompletedOn is not null).MaxBy(i => i.CompletedOn);
        return grains.Get<IBoundaryReportModelGrain>(0).ApplyLineAsync(new OverdueLine(State.Number,
            State.DivisionA, State.DivisionB, last?.CompletedOn, last?.Id));
    }

    /// <summary>Appends the change about to be stored to the line's history; a failed write reloads the state, and
    /// the entry with it.</summary>
    private void Record(string operation, string? reason, string changed) =>
        State.History.Add(new BoundaryChange(State.History.Count + 1, operation, AuditScope.Actor, clock.Now,
            reason?.Trim(), changed));

    private Task StoreAndIndexAsync() =>
        index.StoreAsync(this, grains, state, Number, EntriesOf, publication.Inline);

    private static Func<Dictionary<TileId, List<TileEntry>>> EntriesOf(BoundaryLineState state)
    {
        var (number, wkb) = (state.Number, state.Wkb);
        return () => number.Length == 0
            ? []
            : SpatialIndexing.EntriesByTile(SpatialLayer.BoundaryLines,
                [(Wgs84.FromWkb(wkb), new TileEntry(number, 0, [], null, null, null, number))]);
    }

    private async Task EnsureDivisionExistsAsync(string key, DateOnly on)
    {
        if (DivisionRef.IsReference(key))
        {
            if (!await grains.Get<IDivisionGeometryGrain>(key).ExistsAsync())
            {
                throw DomainException.Violation("division-unknown",
                    $"No reference area {key} is recorded (record its geometry first).");
            }

            return;
        }

        await grains.EnsureInForceAsync(key, on);
    }

    /// <summary>
    /// Checks the line against the two divisions' geometries in force on <paramref name="on"/>. Where either has no
    /// recorded geometry (e.g. counties, which the registry holds without outlines) there is nothing to check
    /// against, and the line itself is the best record of the boundary.
    /// </summary>
    private async Task EnsureFollowsCommonBoundaryAsync(string first, string second,
        NetTopologySuite.Geometries.Geometry line, DateOnly on)
    {
        if (await GeometryInForceAsync(first, on) is not { } areaA ||
            await GeometryInForceAsync(second, on) is not { } areaB)
        {
            return;
        }

        BoundaryLineRules.EnsureFollowsCommonBoundary(line, first, areaA, second, areaB);
    }

    private async Task<NetTopologySuite.Geometries.Geometry?> GeometryInForceAsync(string key, DateOnly on)
    {
        try
        {
            var details = await grains.Get<IDivisionGeometryGrain>(key).GetAsync(on);
            return Wgs84.FromWkb(details.Geometry.Bytes);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw DomainException.NotFound("boundary-line-not-found", $"No boundary line {Number} is recorded.");
        }
    }
}
