using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A recorded administrative penalty, as published: the decision, its grounds and its terms.</summary>
public sealed record PenaltyResponse(
    int Id,
    PenaltyKind Kind,
    string DecisionNumber,
    DateOnly DecidedOn,
    string Authority,
    string Grounds,
    decimal? Amount,
    DateOnly? SuspendedFrom,
    DateOnly? SuspendedUntil)
{
    public static PenaltyResponse From(Penalty penalty) =>
        new(penalty.Id, penalty.Kind, penalty.DecisionNumber, penalty.DecidedOn, penalty.Authority, penalty.Grounds,
            penalty.Amount, penalty.SuspendedFrom, penalty.SuspendedUntil);
}
