namespace Registry.Api.Contracts.Organizations;

/// <summary>A grade evaluation: <c>grade</c> is one of 1A-5A.</summary>
public sealed record GradeRequest(string? Grade, string? Reason);
