namespace Registry.Api.Contracts.Organizations;

/// <summary>A grade evaluation as decided: <c>grade</c> is one of 1A-5A; <c>evaluatedOn</c> the day of the decision
/// (default today), <c>decisionNumber</c> and <c>authority</c> its document number and department.</summary>
public sealed record GradeRequest(string? Grade, string? Reason, DateOnly? EvaluatedOn = null,
    string? DecisionNumber = null, string? Authority = null);
