using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// An administrative penalty decision: <c>kind</c> (<c>warning</c>, <c>fine</c>, <c>confiscation</c>,
/// <c>suspension</c>, <c>revocation</c>), the decision's number, date and authority, the facts and legal basis;
/// <c>amount</c> in yuan for a fine or confiscation; <c>suspendedFrom</c>/<c>suspendedUntil</c> (inclusive) for a
/// suspension.
/// </summary>
public sealed record PenaltyRequest(
    PenaltyKind? Kind,
    string? DecisionNumber,
    DateOnly? DecidedOn,
    string? Authority,
    string? Grounds,
    decimal? Amount,
    DateOnly? SuspendedFrom,
    DateOnly? SuspendedUntil);
