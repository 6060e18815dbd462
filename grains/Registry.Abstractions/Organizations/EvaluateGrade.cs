namespace Registry.Abstractions.Organizations;

/// <summary>
/// Record a grade evaluation (1A-5A as <see cref="Grade"/> 1-5) as the civil-affairs department decided it: on
/// <see cref="EvaluatedOn"/> (today when not given; a decision is often entered days after it was announced), under
/// <see cref="DecisionNumber"/> by <see cref="Authority"/>. Valid five years from that day.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.EvaluateGrade")]
public sealed record EvaluateGrade(
    [property: Id(0)] int Grade,
    [property: Id(1)] string? Reason)
{
    /// <summary>The day of the decision; null for today.</summary>
    [Id(2)]
    public DateOnly? EvaluatedOn { get; init; }

    /// <summary>The decision's document number (e.g. 京民社评〔2026〕3号), as announced.</summary>
    [Id(3)]
    public string? DecisionNumber { get; init; }

    /// <summary>The department that decided it (e.g. 北京市东城区民政局).</summary>
    [Id(4)]
    public string? Authority { get; init; }
}
