using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Grains.Storage;
using Registry.Abstractions.Time;
using Registry.Grains.Publishing;
using Microsoft.Extensions.Logging;

namespace Registry.Grains.Divisions;

/// <summary>One administrative division; see <see cref="IDivisionGrain"/>. Rules live in <see cref="DivisionTimeline"/>.</summary>
[GrainType(StorageNames.DivisionGrainType)]
public sealed class DivisionGrain(
    [PersistentState(StorageNames.Division, StorageNames.Provider)] IPersistentState<DivisionState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<DivisionGrain> logger) : Grain, IDivisionGrain
{
    private DivisionState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    public Task<DivisionSummary> GetSummaryAsync(DateOnly asOf)
    {
        EnsureExists();
        return Task.FromResult(DivisionTimeline.SummaryAsOf(State, asOf));
    }

    public async Task<DivisionDetails> GetAsync(DateOnly asOf)
    {
        EnsureExists();
        var details = DivisionTimeline.DetailsAsOf(State, asOf);
        return details with { ParentChain = await GetParentLineageAsync(asOf) };
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
        var summaries = await Task.WhenAll(State.ChildCodes
            .Select(code => grains.Get<IDivisionGrain>(code).GetSummaryAsync(asOf)));
        return summaries
            .Where(child => child.Status == DivisionStatus.InForce && child.ParentCode == Key)
            .OrderBy(child => child.Code, StringComparer.Ordinal)
            .ToList();
    }

    public Task<IReadOnlyList<DivisionEvent>> GetHistoryAsync()
    {
        EnsureExists();
        return Task.FromResult(DivisionTimeline.History(State));
    }

    public Task CheckStepAsync(DivisionStep step)
    {
        if (step.Kind != DivisionStepKind.Establish)
        {
            EnsureExists();
        }

        DivisionTimeline.EnsureCanApply(State, Key, step);
        return Task.CompletedTask;
    }

    public async Task<DivisionEvent> ApplyStepAsync(DivisionStep step, string operationId)
    {
        if (State.Applied.FirstOrDefault(a => a.OperationId == operationId) is { } applied)
        {
            return State.Events.First(e => e.Sequence == applied.EventSequence);
        }

        if (step.Kind != DivisionStepKind.Establish)
        {
            EnsureExists();
        }

        var recorded = DivisionTimeline.Apply(State, Key, step, clock.Now, AuditScope.Actor,
            AuditScope.Office);
        State.Applied.Add(new AppliedStep(operationId, recorded.Sequence));
        await state.WriteOrReloadAsync();
        if (publication.Inline)
        {
            try
            {
                await PublishAsync();
            }
            catch (Exception error)
            {
                logger.LogWarning(error,
                    "Directory entry of division {Code} not handed over; the outbox relay sends it", Key);
            }
        }

        return recorded;
    }

    /// <summary>Puts this division's entry into its part of the directory (adopting a child changes none).</summary>
    public async Task PublishAsync()
    {
        if (state.RecordExists && State.Code.Length > 0)
        {
            await grains.GetGrain<IDivisionDirectoryPartGrain>(DivisionDirectory.PartOf(Key))
                .PutAsync(DivisionDirectory.EntryOf(State));
        }
    }

    public async Task AdoptChildAsync(string childCode)
    {
        EnsureExists();
        if (State.ChildCodes.Contains(childCode))
        {
            return;
        }

        State.ChildCodes.Add(childCode);
        await state.WriteOrReloadAsync();
    }

    private async Task<IReadOnlyList<DivisionSummary>> GetParentLineageAsync(DateOnly asOf)
    {
        var parentCode = DivisionTimeline.ParentAsOf(State, asOf);
        return parentCode is null
            ? []
            : await grains.Get<IDivisionGrain>(parentCode).GetLineageAsync(asOf);
    }

    private void EnsureExists()
    {
        if (!state.RecordExists || State.Code.Length == 0)
        {
            throw DomainException.NotFound("division-not-found", $"No division with code {Key} is recorded.");
        }
    }
}
