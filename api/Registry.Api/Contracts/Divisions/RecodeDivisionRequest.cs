namespace Registry.Api.Contracts.Divisions;

/// <summary>The division's code ends on <c>effectiveDate</c> and <c>newCode</c> replaces it (with <c>name</c>, or the
/// current name; under <c>parent</c>, or the current parent); its children move to the new code.</summary>
public sealed record RecodeDivisionRequest(string? NewCode, string? Name, string? Parent, DateOnly? EffectiveDate,
    string? Reason);
