using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Divisions;

/// <summary>One administrative division; see <see cref="IDivisionGrain"/>.</summary>
[GrainType(StorageNames.DivisionGrainType)]
public sealed class DivisionGrain(
    [PersistentState(StorageNames.Division, StorageNames.Provider)] IPersistentState<DivisionState> state,
    BureauClock clock,
    IGrainFactory grains) : Grain, IDivisionGrain
{
    private DivisionState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A merge whose steps were stored but not all applied (crash, silo loss) is finished now.
        if (State.Pending.Count > 0)
        {
            await ApplyPendingStepsAsync();
        }
    }

    public Task<DivisionSummary> GetSummaryAsync(DateOnly asOf)
    {
        EnsureExists();
        return Task.FromResult(DivisionTimeline.SummaryAsOf(State, asOf));
    }

    public async Task<DivisionDetails> GetAsync(DateOnly asOf)
    {
        EnsureExists();
        var summary = DivisionTimeline.SummaryAsOf(State, asOf);
        var parents = await GetParentLineageAsync(asOf);
        return new DivisionDetails(summary.Code, summary.Name, summary.Level, summary.Status, asOf, State.ValidFrom,
            State.ValidTo, State.SuccessorCode, parents, DivisionTimeline.NamePeriods(State));
    }

    public async Task<IReadOnlyList<DivisionSummary>> GetLineageAsync(DateOnly asOf)
    {
        EnsureExists();
        var lineage = new List<DivisionSummary> { DivisionTimeline.SummaryAsOf(State, asOf) };
        lineage.AddRange(await GetParentLineageAsync(asOf));
        return lineage;
    }

    public async Task<IReadOnlyList<DivisionSummary>> GetChildrenAsync(DateOnly asOf)
    {
        EnsureExists();
        var calls = State.Children
            .Where(link => DivisionTimeline.IsLinkInForce(link, asOf))
            .OrderBy(link => link.Code, StringComparer.Ordinal)
            .Select(link => grains.Get<IDivisionGrain>(link.Code).GetSummaryAsync(asOf));
        return await Task.WhenAll(calls);
    }

    public Task<IReadOnlyList<DivisionEvent>> GetHistoryAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<DivisionEvent>>(State.Events.ToList());
    }

    public async Task<DivisionEvent> RenameAsync(RenameDivision command)
    {
        EnsureExists();
        DivisionTimeline.EnsureCanRename(State, command);
        var name = command.Name.Trim();
        var previous = DivisionTimeline.ValueAsOf(State.Names, command.EffectiveDate);
        State.Names.Add(new DatedValue(name, command.EffectiveDate));
        var recorded = AddEvent(DivisionEventKind.Renamed, command.EffectiveDate, command.Reason, name, previous, null);
        await state.WriteAuditedAsync("rename", command.Reason);
        return recorded;
    }

    public async Task<DivisionEvent> MergeIntoAsync(MergeDivision command)
    {
        EnsureExists();
        if (!DivisionCode.IsWellFormed(command.IntoCode))
        {
            throw DomainException.Invalid("division-code-format", "into",
                "The successor must be a 6- or 9-digit division code.");
        }

        if (command.IntoCode == State.Code)
        {
            // Checked before asking the target: a grain awaiting a call to itself would deadlock.
            throw DomainException.Invalid("merge-target-self", "into", "A division cannot be merged into itself.");
        }

        DivisionSummary target;
        try
        {
            target = await grains.Get<IDivisionGrain>(command.IntoCode).GetSummaryAsync(command.EffectiveDate);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Violation("merge-target-unknown", $"No division {command.IntoCode} is recorded.");
        }

        DivisionTimeline.EnsureCanMerge(State, command, target);

        var date = command.EffectiveDate;
        var operationId = $"merge:{State.Code}:{command.IntoCode}:{date:yyyyMMdd}";
        var movingChildren = State.Children
            .Where(link => link.Until is null || link.Until > date)
            .Select(link => link.Code)
            .ToList();

        State.ValidTo = date;
        State.EndStatus = DivisionStatus.Merged;
        State.SuccessorCode = command.IntoCode;
        State.Children = State.Children
            .Select(link => movingChildren.Contains(link.Code) ? link with { Until = date } : link)
            .ToList();
        var recorded = AddEvent(DivisionEventKind.MergedInto, date, command.Reason, null, null, command.IntoCode);

        if (DivisionTimeline.ValueAsOf(State.Parents, date) is { } parent)
        {
            State.Pending.Add(new PendingStep(PendingStepKind.DetachFromParent, parent, date, command.Reason,
                operationId, []));
        }

        State.Pending.Add(new PendingStep(PendingStepKind.AbsorbInto, command.IntoCode, date, command.Reason,
            operationId, movingChildren));
        State.Pending.AddRange(movingChildren.Select(child =>
            new PendingStep(PendingStepKind.Reparent, child, date, command.Reason, operationId, [])));

        // The merge and its outstanding steps are stored together: from here on it completes, now or on reactivation.
        await state.WriteAuditedAsync("merge", command.Reason);
        await ApplyPendingStepsAsync();
        return recorded;
    }

    public async Task<DivisionEvent> AbolishAsync(AbolishDivision command)
    {
        EnsureExists();
        DivisionTimeline.EnsureCanAbolish(State, command);
        var date = command.EffectiveDate;
        State.ValidTo = date;
        State.EndStatus = DivisionStatus.Abolished;
        var recorded = AddEvent(DivisionEventKind.Abolished, date, command.Reason, null, null, null);
        if (DivisionTimeline.ValueAsOf(State.Parents, date) is { } parent)
        {
            State.Pending.Add(new PendingStep(PendingStepKind.DetachFromParent, parent, date, command.Reason,
                $"abolish:{State.Code}:{date:yyyyMMdd}", []));
        }

        await state.WriteAuditedAsync("abolish", command.Reason);
        await ApplyPendingStepsAsync();
        return recorded;
    }

    public async Task AbsorbAsync(string absorbedCode, IReadOnlyList<string> children, DateOnly effectiveDate,
        string reason, string operationId)
    {
        EnsureExists();
        if (State.AppliedOperations.Contains(operationId))
        {
            return;
        }

        State.Children.AddRange(children.Select(child => new ChildLink(child, effectiveDate, null)));
        AddEvent(DivisionEventKind.Absorbed, effectiveDate, reason, null, null, absorbedCode);
        State.AppliedOperations.Add(operationId);
        await state.WriteAuditedAsync("absorb", reason);
    }

    public async Task DetachChildAsync(string childCode, DateOnly effectiveDate, string operationId)
    {
        EnsureExists();
        if (State.AppliedOperations.Contains(operationId))
        {
            return;
        }

        State.Children = State.Children
            .Select(link => link.Code == childCode && (link.Until is null || link.Until > effectiveDate)
                ? link with { Until = effectiveDate }
                : link)
            .ToList();
        State.AppliedOperations.Add(operationId);
        await state.WriteAuditedAsync("detach-child", $"{childCode} leaves from {effectiveDate:yyyy-MM-dd}");
    }

    public async Task ReparentAsync(string newParentCode, DateOnly effectiveDate, string reason, string operationId)
    {
        EnsureExists();
        if (State.AppliedOperations.Contains(operationId))
        {
            return;
        }

        State.Parents.Add(new DatedValue(newParentCode, effectiveDate));
        AddEvent(DivisionEventKind.Reparented, effectiveDate, reason, null, null, newParentCode);
        State.AppliedOperations.Add(operationId);
        await state.WriteAuditedAsync("reparent", reason);
    }

    private async Task ApplyPendingStepsAsync()
    {
        try
        {
            await ApplyEachPendingStepAsync();
        }
        catch
        {
            // The steps stay stored; a fresh activation resumes them (each is idempotent on the receiving side).
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task ApplyEachPendingStepAsync()
    {
        while (State.Pending.Count > 0)
        {
            var step = State.Pending[0];
            var target = grains.Get<IDivisionGrain>(step.TargetCode);
            switch (step.Kind)
            {
                case PendingStepKind.DetachFromParent:
                    await target.DetachChildAsync(State.Code, step.EffectiveDate, step.OperationId);
                    break;
                case PendingStepKind.AbsorbInto:
                    await target.AbsorbAsync(State.Code, step.Children, step.EffectiveDate, step.Reason,
                        step.OperationId);
                    break;
                case PendingStepKind.Reparent:
                    await target.ReparentAsync(State.SuccessorCode ?? step.TargetCode, step.EffectiveDate,
                        step.Reason, step.OperationId);
                    break;
            }

            State.Pending.RemoveAt(0);
        }

        await state.WriteAuditedAsync("complete-pending-steps", null);
    }

    private async Task<IReadOnlyList<DivisionSummary>> GetParentLineageAsync(DateOnly asOf)
    {
        var parentCode = DivisionTimeline.ValueAsOf(State.Parents, asOf);
        return parentCode is null
            ? []
            : await grains.Get<IDivisionGrain>(parentCode).GetLineageAsync(asOf);
    }

    private DivisionEvent AddEvent(DivisionEventKind kind, DateOnly? effectiveDate, string? reason, string? name,
        string? previousName, string? relatedCode)
    {
        var recorded = new DivisionEvent(State.Events.Count + 1, kind, effectiveDate, clock.Now, AuditScope.Office,
            reason?.Trim(), name, previousName, relatedCode);
        State.Events.Add(recorded);
        return recorded;
    }

    private void EnsureExists()
    {
        if (!state.RecordExists || State.Code.Length == 0)
        {
            throw DomainException.NotFound("division-not-found",
                $"No division with code {this.GetPrimaryKeyString()} is recorded.");
        }
    }
}
