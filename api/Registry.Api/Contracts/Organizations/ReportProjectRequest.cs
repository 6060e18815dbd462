namespace Registry.Api.Contracts.Organizations;

/// <summary>A major activity or project and its spending in yuan.</summary>
public sealed record ReportProjectRequest(string? Name, decimal? Spending);
