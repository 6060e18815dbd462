namespace Registry.Api.Contracts.Boundaries;

/// <summary>Open the joint inspection of a line for a year, on <see cref="OpenedOn"/> (default today; an inspection
/// entered from the archive gives its real date, in its year or the next).</summary>
public sealed record OpenInspectionRequest(int? Year, string? Reason, DateOnly? OpenedOn = null);
