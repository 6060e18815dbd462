namespace Registry.Api.Contracts.Boundaries;

/// <summary>The id of the inspection opened.</summary>
public sealed record OpenInspectionResponse(string Id);
