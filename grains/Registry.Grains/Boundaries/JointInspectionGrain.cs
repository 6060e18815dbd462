using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Time;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Boundaries;

/// <summary>One joint inspection; see <see cref="IJointInspectionGrain"/>.</summary>
[GrainType(StorageNames.JointInspection)]
public sealed class JointInspectionGrain(
    [PersistentState(StorageNames.JointInspection, StorageNames.Provider)]
    IPersistentState<JointInspectionState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<JointInspectionGrain> logger) : Grain, IJointInspectionGrain
{
    private readonly StatisticsFeed statistics = new(grains, logger);

    private JointInspectionState State => state.State;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Steps stored with a completion or repair but not all applied (crash, silo loss) are finished now.
        if (State.Pending.Count > 0)
        {
            await ApplyPendingStepsAsync();
        }
    }

    public Task<InspectionDetails> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Details());
    }

    public async Task OpenAsync(InspectionOpening opening)
    {
        if (State.Id.Length > 0)
        {
            if (State.LineNumber == opening.LineNumber && State.Year == opening.Year &&
                State.Sequence == opening.Sequence)
            {
                return;
            }

            throw DomainException.Conflict("inspection-exists", $"Inspection {Id} is already open for another line.");
        }

        State.Id = Id;
        State.LineNumber = opening.LineNumber;
        State.Year = opening.Year;
        State.Sequence = opening.Sequence;
        State.Sides = opening.Sides.ToList();
        State.Markers = opening.Markers.ToList();
        State.OpenedOn = opening.OpenedOn;
        State.Reason = opening.Reason;
        State.Status = InspectionStatus.Open;
        await state.WriteOrReloadAsync();
    }

    public async Task<InspectionFinding> RecordFindingAsync(RecordFinding command)
    {
        EnsureExists();
        InspectionRules.EnsureCanRecordFinding(State, command);
        var registered = State.Markers.Single(m => m.Number == command.MarkerNumber);
        double? displacement = command.Kind == FindingKind.Displaced
            ? Geodesy.DistanceMetres(registered.Lon, registered.Lat, command.SurveyedLon!.Value,
                command.SurveyedLat!.Value)
            : null;
        var finding = new InspectionFinding(command.MarkerNumber, command.Kind, command.SurveyedLon,
            command.SurveyedLat, displacement, command.Note?.Trim(), clock.Now, AuditScope.Actor);
        State.Findings.RemoveAll(f => f.MarkerNumber == command.MarkerNumber);
        State.Findings.Add(finding);
        State.Findings.Sort((a, b) => string.CompareOrdinal(a.MarkerNumber, b.MarkerNumber));
        await state.WriteOrReloadAsync();
        return finding;
    }

    public async Task<InspectionDetails> SignAsync(SignInspection command)
    {
        EnsureExists();
        InspectionRules.EnsureCanSign(State, command);
        var signedOn = InspectionRules.SignatureDate(State, command.SignedOn, clock.Today);
        State.Signatures.Add(new InspectionSignature(command.Side, command.Signatory.Trim(), signedOn,
            command.Note?.Trim(), AuditScope.Actor));
        var completes = State.Sides.All(side => State.Signatures.Any(s => s.Side == side));
        if (completes)
        {
            // Complete when the last side signed, whichever order the signatures were entered in.
            var today = State.Signatures.Max(s => s.SignedOn);
            State.Status = InspectionStatus.Completed;
            State.CompletedOn = today;
            State.Repairs = State.Findings.Where(f => f.Kind != FindingKind.Intact)
                .Select(f => new MarkerRepair(f.MarkerNumber, f.Kind, RepairStatus.Open, null, null)).ToList();
            State.Pending.Add(new InspectionStep(State.LineNumber, null, today, $"inspection:{Id}"));
            State.Pending.AddRange(State.Findings.Select(f => new InspectionStep(f.MarkerNumber,
                InspectionRules.ConditionOf(f.Kind), today, $"inspection:{Id}:{f.MarkerNumber}")));
        }

        await state.WriteOrReloadAsync();
        await PublishStatisticsAsync();
        await ApplyPendingStepsAsync();
        return Details();
    }

    public async Task<InspectionDetails> CompleteRepairAsync(CompleteRepair command)
    {
        EnsureExists();
        InspectionRules.EnsureCanCompleteRepair(State, command, clock.Today);
        var i = State.Repairs.FindIndex(r => r.MarkerNumber == command.MarkerNumber);
        State.Repairs[i] = State.Repairs[i] with
        {
            Status = RepairStatus.Done,
            CompletedOn = command.CompletedOn,
            Note = command.Note.Trim(),
        };
        State.Pending.Add(new InspectionStep(command.MarkerNumber, MarkerCondition.Intact, command.CompletedOn,
            $"repair:{Id}:{command.MarkerNumber}"));
        await state.WriteOrReloadAsync();
        await PublishStatisticsAsync();
        await ApplyPendingStepsAsync();
        return Details();
    }

    private async Task ApplyPendingStepsAsync()
    {
        if (State.Pending.Count == 0)
        {
            return;
        }

        try
        {
            while (State.Pending.Count > 0)
            {
                var step = State.Pending[0];
                if (step.Condition is { } condition)
                {
                    var source = step.OperationId.StartsWith("repair:", StringComparison.Ordinal)
                        ? $"repair of inspection {Id}"
                        : $"inspection {Id}";
                    await grains.Get<IBoundaryMarkerGrain>(step.Target)
                        .RecordConditionAsync(condition, source, step.Date, step.OperationId);
                }
                else
                {
                    await grains.Get<IBoundaryLineGrain>(step.Target)
                        .RecordInspectionCompletedAsync(Id, step.Date);
                }

                State.Pending.RemoveAt(0);
            }

            // Every change of the repairs comes with pending steps, so the report learns of it before they are
            // cleared; after a crash the reactivation repeats this (idempotent: the whole current list).
            if (State.CompletedOn is { } since)
            {
                await grains.Get<IBoundaryReportModelGrain>(0).ApplyOpenRepairsAsync(Id, State.Repairs
                    .Where(r => r.Status == RepairStatus.Open)
                    .Select(r => new OpenRepair(Id, State.LineNumber, r.MarkerNumber, r.Finding, since))
                    .ToList());
            }

            await state.WriteOrReloadAsync();
        }
        catch
        {
            // The steps stay stored; a fresh activation resumes them (each is idempotent on the receiving side).
            DeactivateOnIdle();
            throw;
        }
    }

    private InspectionDetails Details() => new(State.Id, State.LineNumber, State.Year, State.Status,
        State.Sides.ToList(), State.Markers.ToList(), State.Findings.ToList(), State.Signatures.ToList(),
        State.Repairs.ToList(), State.OpenedOn, State.CompletedOn, State.Reason);

    private void EnsureExists()
    {
        if (State.Id.Length == 0)
        {
            throw DomainException.NotFound("inspection-not-found", $"No joint inspection {Id} is recorded.");
        }
    }

    public async Task PublishAsync()
    {
        if (State.Id.Length > 0)
        {
            await statistics.SendAsync($"inspection:{Id}", BoundaryStatistics.OfInspection(State));
        }
    }

    /// <summary>The fast path after a write (logged on failure; the write's outbox row makes the relay
    /// publish).</summary>
    private async Task PublishStatisticsAsync()
    {
        if (publication.Inline)
        {
            await statistics.PublishAsync($"inspection:{Id}", BoundaryStatistics.OfInspection(State));
        }
    }
}
