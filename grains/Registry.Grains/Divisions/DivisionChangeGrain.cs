using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Grains.Storage;

namespace Registry.Grains.Divisions;

/// <summary>
/// Records one approved change; see <see cref="IDivisionChangeGrain"/>. Reads the divisions involved, plans with
/// <see cref="DivisionChangePlanner"/>, has every division check its own step, stores the plan, then applies the steps
/// in order (each idempotent on the receiving division), resuming after a crash on the next activation.
/// </summary>
[GrainType(StorageNames.DivisionChange)]
public sealed class DivisionChangeGrain(
    [PersistentState(StorageNames.DivisionChange, StorageNames.Provider)] IPersistentState<DivisionChangeState> state,
    IGrainFactory grains) : Grain, IDivisionChangeGrain
{
    private DivisionChangeState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Change is not null && State.Next < State.Steps.Count)
        {
            await ApplyAsync();
        }
    }

    public async Task<DivisionChangeResult> RecordAsync(DivisionChange change)
    {
        if (State.Change is null)
        {
            var steps = await PlanAsync(change);
            foreach (var planned in steps.Where(p => p.Step is not null))
            {
                await grains.Get<IDivisionGrain>(planned.Code).CheckStepAsync(planned.Step!);
            }

            State.Change = change;
            State.Steps = [.. steps];
            State.Next = 0;
            await state.WriteOrReloadAsync();
        }
        else if (DivisionChangeId.Of(State.Change) != DivisionChangeId.Of(change))
        {
            throw DomainException.Conflict("division-change-id-reused",
                $"Operation {Key} already recorded a different change.");
        }

        if (State.Next < State.Steps.Count)
        {
            await ApplyAsync();
        }

        return new DivisionChangeResult(Key, State.Change, State.Events.ToList());
    }

    private async Task<IReadOnlyList<PlannedStep>> PlanAsync(DivisionChange change)
    {
        var date = change.EffectiveDate;
        var known = new Dictionary<string, DivisionSummary>(StringComparer.Ordinal);
        // The divisions named, then their parents (a new division defaults to its predecessor's parent).
        var named = DivisionChangePlanner.Involved(change);
        await ReadAsync(named);
        await ReadAsync(known.Values.Select(s => s.ParentCode).OfType<string>().Except(named).ToList());

        var children = new Dictionary<string, IReadOnlyList<DivisionSummary>>(StringComparer.Ordinal);
        foreach (var code in DivisionChangePlanner.Ending(change).Where(known.ContainsKey))
        {
            children[code] = await grains.Get<IDivisionGrain>(code).GetChildrenAsync(date);
        }

        return DivisionChangePlanner.Plan(change, known, children);

        async Task ReadAsync(IReadOnlyList<string> codes)
        {
        foreach (var code in codes)
        {
            try
            {
                known[code] = await grains.Get<IDivisionGrain>(code).GetSummaryAsync(date);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
            {
                // A code never recorded: the planner decides whether the change may create it.
            }
        }
        }
    }

    private async Task ApplyAsync()
    {
        while (State.Next < State.Steps.Count)
        {
            var planned = State.Steps[State.Next];
            var division = grains.Get<IDivisionGrain>(planned.Code);
            if (planned.Step is { } step)
            {
                State.Events.Add(await division.ApplyStepAsync(step, Key));
            }
            else
            {
                await division.AdoptChildAsync(planned.AdoptChild!);
            }

            State.Next++;
        }

        await state.WriteOrReloadAsync();
        // Last, after every step: a cache that read the version before this moves it reloads what it read.
        await grains.Get<IDivisionHistoryVersionGrain>(IDivisionHistoryVersionGrain.Key).ChangedAsync();
    }
}
