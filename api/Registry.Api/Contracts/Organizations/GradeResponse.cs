using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A grade (1A-5A), valid from <c>evaluatedOn</c> until the day before <c>validUntil</c>.</summary>
public sealed record GradeResponse(string Grade, DateOnly EvaluatedOn, DateOnly ValidUntil)
{
    public static GradeResponse From(GradeEvaluation grade) => new(grade.Label, grade.EvaluatedOn, grade.ValidUntil);
}
