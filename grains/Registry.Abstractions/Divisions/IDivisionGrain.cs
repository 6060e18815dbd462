using Orleans.Concurrency;

namespace Registry.Abstractions.Divisions;

/// <summary>
/// One administrative division, keyed by its code (6-digit GB/T 2260 or 9-digit statistical township code).
/// Reads take the date to answer for; changes take an effective date and are kept in the history forever.
/// A code that was never recorded answers <c>division-not-found</c>.
/// </summary>
[Alias("Registry.Divisions.IDivisionGrain")]
public interface IDivisionGrain : IGrainWithStringKey
{
    /// <summary>The division as of <paramref name="asOf"/>, with its parent chain as of that date.</summary>
    [ReadOnly]
    Task<DivisionDetails> GetAsync(DateOnly asOf);

    /// <summary>Code, name, level and status as of <paramref name="asOf"/>.</summary>
    [ReadOnly]
    Task<DivisionSummary> GetSummaryAsync(DateOnly asOf);

    /// <summary>This division and its ancestors as of <paramref name="asOf"/>, nearest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionSummary>> GetLineageAsync(DateOnly asOf);

    /// <summary>The divisions directly under this one as of <paramref name="asOf"/>, by code.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionSummary>> GetChildrenAsync(DateOnly asOf);

    /// <summary>Every recorded event, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionEvent>> GetHistoryAsync();

    /// <summary>Renames from the effective date on; not idempotent (a repeat is refused as unchanged).</summary>
    Task<DivisionEvent> RenameAsync(RenameDivision command);

    /// <summary>
    /// Merges this division into another of the same level: it ends on the effective date, its children move to the
    /// successor. Completes across every grain involved before returning, and resumes after a crash.
    /// </summary>
    Task<DivisionEvent> MergeIntoAsync(MergeDivision command);

    /// <summary>Abolishes this division; refused while it still has children in force on the date.</summary>
    Task<DivisionEvent> AbolishAsync(AbolishDivision command);

    /// <summary>Internal step of a merge: records that <paramref name="absorbedCode"/> merged into this one and
    /// adopts its children. Idempotent per <paramref name="operationId"/>.</summary>
    Task AbsorbAsync(string absorbedCode, IReadOnlyList<string> children, DateOnly effectiveDate, string reason,
        string operationId);

    /// <summary>Internal step: a child leaves this division from the date on. Idempotent.</summary>
    Task DetachChildAsync(string childCode, DateOnly effectiveDate, string operationId);

    /// <summary>Internal step: this division is placed under a new parent from the date on. Idempotent.</summary>
    Task ReparentAsync(string newParentCode, DateOnly effectiveDate, string reason, string operationId);
}
