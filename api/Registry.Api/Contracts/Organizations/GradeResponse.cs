using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// A grade evaluation: <c>grade</c> 1A-5A, valid from <c>evaluatedOn</c> until the day before <c>validUntil</c>;
/// <c>status</c> on the day asked is <c>in-force</c>, <c>expired</c>, or <c>ended</c> (ended early on
/// <c>endedOn</c> because of <c>endedBecause</c>: <c>serious-dishonesty-list</c>, <c>registration-revoked</c> or
/// <c>deregistered</c>).
/// </summary>
public sealed record GradeResponse(
    string Grade,
    DateOnly EvaluatedOn,
    DateOnly ValidUntil,
    string Status,
    DateOnly? EndedOn,
    string? EndedBecause,
    string? DecisionNumber,
    string? Authority)
{
    public static GradeResponse From(GradeEvaluation grade, DateOnly today) =>
        new(grade.Label, grade.EvaluatedOn, grade.ValidUntil,
            grade.EndedOn is { } ended && ended <= today ? "ended" : grade.IsValidOn(today) ? "in-force" : "expired",
            grade.EndedOn, grade.EndedBecause, grade.DecisionNumber, grade.Authority);
}
