namespace Registry.Abstractions.Organizations;

/// <summary>Record a grade evaluation (1A-5A as <see cref="Grade"/> 1-5), valid five years from today.</summary>
[GenerateSerializer, Alias("Registry.Organizations.EvaluateGrade")]
public sealed record EvaluateGrade(
    [property: Id(0)] int Grade,
    [property: Id(1)] string? Reason);
