using Orleans.Concurrency;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Divisions;

/// <summary>
/// One administrative division, keyed by its code (6-digit GB/T 2260 or 9-digit statistical township code). Its
/// history combines the official editions it appears in (or not) and the changes recorded by approval; reads take the
/// date to answer for. A code that was never recorded answers <c>division-not-found</c>. Changes go through
/// <see cref="IDivisionChangeGrain"/>, which calls the step methods here.
/// </summary>
[Alias("Registry.Divisions.IDivisionGrain")]
public interface IDivisionGrain : IGrainWithStringKey, IPublishingGrain
{
    /// <summary>The division as of <paramref name="asOf"/>, with its parent chain as of that date.</summary>
    [ReadOnly]
    Task<DivisionDetails> GetAsync(DateOnly asOf);

    /// <summary>Code, name, level, status and parent as of <paramref name="asOf"/>.</summary>
    [ReadOnly]
    Task<DivisionSummary> GetSummaryAsync(DateOnly asOf);

    /// <summary>This division and its ancestors as of <paramref name="asOf"/>, nearest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionSummary>> GetLineageAsync(DateOnly asOf);

    /// <summary>The divisions directly under this one as of <paramref name="asOf"/>, by code.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionSummary>> GetChildrenAsync(DateOnly asOf);

    /// <summary>Every change, oldest first: recorded approvals and the changes read from editions.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionEvent>> GetHistoryAsync();

    /// <summary>Whether <paramref name="step"/> could be applied now; throws the rule it breaks. A code never recorded
    /// accepts only an establishment.</summary>
    [ReadOnly]
    Task CheckStepAsync(DivisionStep step);

    /// <summary>Applies one step of a change; idempotent per <paramref name="operationId"/> (a repeat returns the
    /// event recorded the first time).</summary>
    Task<DivisionEvent> ApplyStepAsync(DivisionStep step, string operationId);

    /// <summary>Notes that <paramref name="childCode"/> is (or was) under this division, so children lists find it.
    /// Idempotent.</summary>
    Task AdoptChildAsync(string childCode);
}
