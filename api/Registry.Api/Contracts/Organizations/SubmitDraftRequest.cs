namespace Registry.Api.Contracts.Organizations;

/// <summary>Submits a saved draft as the year's report; <c>lateFilingReason</c> as for a filing (registrar only,
/// after the window closed), overriding one saved in the draft.</summary>
public sealed record SubmitDraftRequest(string? LateFilingReason);
