namespace Registry.Abstractions.Organizations;

/// <summary>
/// A grade evaluation: <see cref="Grade"/> 1-5 stands for 1A-5A; valid from <see cref="EvaluatedOn"/> until the
/// day before <see cref="ValidUntil"/> (five years), unless it ended earlier: <see cref="EndedOn"/> and
/// <see cref="EndedBecause"/> (one of <see cref="GradeEndReasons"/>) say when and why. The decision's number and
/// department (<see cref="DecisionNumber"/>, <see cref="Authority"/>) where the registrar gave them.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.GradeEvaluation")]
public sealed record GradeEvaluation(
    [property: Id(0)] int Grade,
    [property: Id(1)] DateOnly EvaluatedOn,
    [property: Id(2)] DateOnly ValidUntil,
    [property: Id(3)] string EvaluatedBy,
    [property: Id(4)] string? Reason,
    [property: Id(5)] DateOnly? EndedOn = null,
    [property: Id(6)] string? EndedBecause = null,
    [property: Id(7)] string? DecisionNumber = null,
    [property: Id(8)] string? Authority = null)
{
    /// <summary>The grade as written on the certificate, e.g. <c>4A</c>.</summary>
    public string Label => $"{Grade}A";

    public bool IsValidOn(DateOnly date) => EvaluatedOn <= date && date < ValidUntil && (EndedOn is null || date < EndedOn);
}
